/**
 * The embedded database's files are its owner's only: the data directory 0700, the database, its
 * WAL and shared-memory files and secret.key 0600, from the first write, and put right at start
 * on an install made before.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKey } from '../app/secret-box';
import { openDatabase } from './connection';
import { createWorkspace } from './workspaces';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const FILES = ['djbooker.sqlite', 'djbooker.sqlite-wal', 'djbooker.sqlite-shm'];

describe('data directory modes', () => {
  let parent: string;
  let previousUmask: number;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'djbooker-modes-'));
    // The usual umask of a desktop session: everything world-readable unless said otherwise.
    previousUmask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(previousUmask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates the directory 0700 and every database file 0600', async () => {
    const dir = join(parent, 'data');
    const database = await openDatabase({ dataDir: dir });
    try {
      await createWorkspace(database.db, 'demo', new Date());
      loadSecretKey({ secretKey: undefined, dataDir: dir });
      expect(modeOf(dir).toString(8)).toBe('700');
      for (const file of [...FILES, 'secret.key']) {
        expect(existsSync(join(dir, file)), file).toBe(true);
        expect(modeOf(join(dir, file)).toString(8), file).toBe('600');
      }
    } finally {
      await database.close();
    }
  });

  it('puts an existing install right at start', async () => {
    const dir = join(parent, 'old');
    const first = await openDatabase({ dataDir: dir });
    await createWorkspace(first.db, 'demo', new Date());
    loadSecretKey({ secretKey: undefined, dataDir: dir });
    await first.close();
    // As an earlier version left them: world-readable.
    chmodSync(dir, 0o755);
    for (const file of ['djbooker.sqlite', 'secret.key']) chmodSync(join(dir, file), 0o644);
    writeFileSync(join(dir, 'djbooker.sqlite-wal'), '', { mode: 0o644 });
    chmodSync(join(dir, 'djbooker.sqlite-wal'), 0o644);

    const again = await openDatabase({ dataDir: dir });
    try {
      expect(modeOf(dir).toString(8)).toBe('700');
      for (const file of [...FILES, 'secret.key']) {
        if (existsSync(join(dir, file))) expect(modeOf(join(dir, file)).toString(8), file).toBe('600');
      }
    } finally {
      await again.close();
    }
  });

  it('leaves a parent directory it did not create alone', async () => {
    const shared = join(parent, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    const database = await openDatabase({ dataDir: join(shared, 'a', 'data') });
    await database.close();
    expect(modeOf(shared).toString(8)).toBe('755');
    expect(modeOf(join(shared, 'a', 'data')).toString(8)).toBe('700');
  });
});
