import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV, parseEnv } from './env';

const BIN = new URL('../../bin/djbooker.js', import.meta.url).pathname;

describe('the environment', () => {
  it('has defaults for every variable, and a blank variable is an unset one', () => {
    expect(DEFAULT_ENV).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: null,
      allowedHosts: [],
      trustProxy: false,
      outboxSender: true,
    });
    expect(parseEnv({ PORT: '  ', PUBLIC_URL: '', DJBOOKER_PASSWORD: '' })).toMatchObject({
      port: 3000,
      publicUrl: null,
      password: undefined,
    });
  });

  it('parses every variable into what the application uses', () => {
    const key = randomBytes(32).toString('base64');
    const env = parseEnv({
      DATABASE_URL: 'postgres://u@h:5432/db',
      DJBOOKER_DATA_DIR: '/var/lib/djbooker',
      HOST: '0.0.0.0',
      PORT: '8080',
      PUBLIC_URL: 'https://crm.example.fr/',
      ALLOWED_HOSTS: 'Studio.local:3000, [::1], 192.168.1.20',
      TRUST_PROXY: '10.0.0.1, 10.0.0.0/8, loopback',
      DJBOOKER_OUTBOX_SENDER: 'OFF',
      DJBOOKER_SECRET_KEY: key,
      DJBOOKER_PASSWORD: ' une phrase ',
    });
    expect(env).toEqual({
      databaseUrl: 'postgres://u@h:5432/db',
      dataDir: '/var/lib/djbooker',
      host: '0.0.0.0',
      port: 8080,
      publicUrl: 'https://crm.example.fr',
      allowedHosts: ['studio.local', '::1', '192.168.1.20'],
      trustProxy: { addresses: ['10.0.0.1', '10.0.0.0/8', 'loopback'] },
      outboxSender: false,
      secretKey: key,
      password: ' une phrase ',
    });
    expect(parseEnv({ TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
    expect(parseEnv({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
  });

  it.each([
    ['PORT', '80a'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'crm.example.fr'],
    ['PUBLIC_URL', 'javascript:alert(1)'],
    ['ALLOWED_HOSTS', 'studio local'],
    ['TRUST_PROXY', 'yes please'],
    ['TRUST_PROXY', '10.0.0.0/99'],
    ['DJBOOKER_OUTBOX_SENDER', 'maybe'],
    ['DJBOOKER_SECRET_KEY', 'trop-court'],
    ['DATABASE_URL', 'mysql://u@h/db'],
  ])('refuses %s=%s in one line naming the variable', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^variable ${name} invalide : [^\\n]+$`));
  });

  it.each([
    ['PORT', 'abc', 'un nombre est attendu (reçu « abc »)'],
    ['PORT', '0', 'au moins 1 (reçu « 0 »)'],
    ['PORT', '80.5', 'attendu un nombre entier'],
    ['DJBOOKER_OUTBOX_SENDER', 'maybe', 'attendu « on » ou « off »'],
  ])('words %s=%s for a DJ, without zod’s jargon (« NaN reçu », « >=1 »)', (name, value, problem) => {
    expect(() => parseEnv({ [name]: value })).toThrow(`variable ${name} invalide : ${problem}`);
  });

  it('djbooker exits with code 2 and one line on stderr when a variable is invalid, before opening anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'djbooker-env-'));
    try {
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'quatre-vingts', DJBOOKER_DATA_DIR: join(dir, 'data') };
        delete env.DATABASE_URL;
        const child = spawn(process.execPath, [BIN, 'overview'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^djbooker : variable PORT invalide : [^\n]+\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
