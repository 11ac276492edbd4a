import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, openSecretBox, secretBoxFromKey } from './secret-box';

describe('secret box', () => {
  it('round-trips, and refuses another context, another key or an altered text', () => {
    const box = secretBoxFromKey(randomBytes(32));
    const sealed = box.seal('mot de passe é 🎵', 'mail_settings:1:password');
    expect(sealed).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(sealed).not.toContain('mot de passe');
    expect(box.open(sealed, 'mail_settings:1:password')).toBe('mot de passe é 🎵');
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
    expect(() => box.open(sealed, 'mail_settings:2:password')).toThrow(/ne peut pas être déchiffré/);
    expect(() => secretBoxFromKey(randomBytes(32)).open(sealed, 'mail_settings:1:password')).toThrow(/clé secrète/);
    const parts = sealed.split(':');
    parts[3] = Buffer.from('autre').toString('base64');
    expect(() => box.open(parts.join(':'), 'mail_settings:1:password')).toThrow(/ne peut pas être déchiffré/);
  });

  it('takes the key from DJBOOKER_SECRET_KEY, refusing one that is not 32 bytes of base64', () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ secretKey: key.toString('base64'), dataDir: null }).equals(key)).toBe(true);
    expect(() => loadSecretKey({ secretKey: 'trop-court', dataDir: null })).toThrow(/32 octets encodés en base64/);
  });

  it('creates secret.key (mode 0600) in the data directory once, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djbooker-key-'));
    const first = loadSecretKey({ secretKey: undefined, dataDir: dir });
    const path = join(dir, 'secret.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(loadSecretKey({ secretKey: undefined, dataDir: dir }).equals(first)).toBe(true);
    const sealed = openSecretBox({ secretKey: undefined, dataDir: dir }).seal('x', 'c');
    expect(openSecretBox({ secretKey: undefined, dataDir: dir }).open(sealed, 'c')).toBe('x');
  });

  it('requires the environment variable without a data directory (PostgreSQL)', () => {
    expect(() => loadSecretKey({ secretKey: undefined, dataDir: null })).toThrow(/Avec PostgreSQL, définissez DJBOOKER_SECRET_KEY/);
  });
});
