/**
 * Failures a DJ can act on, in words: a full disk (a real, small tmpfs: the tests run as root), a
 * database held by another process past the wait, a directory given as a file, a closed pipe.
 * On the CLI one French line and exit 1; over HTTP a coded error.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateBenchFiles } from '../../bench/generate';
import { openDatabase, type Database } from '../db/connection';
import { buildServer } from '../server/server';
import { call, callerFrom } from '../server/test-client';

const BIN = new URL('../../bin/djbooker.js', import.meta.url).pathname;
const DEMO = new URL('../../demo/', import.meta.url).pathname;

function djbooker(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const FULL_DISK =
  'djbooker : Le disque de la base de données est plein : l’opération a été annulée, rien n’a été enregistré. Libérez de la place, puis recommencez.\n';

describe('failures in words', () => {
  let dir: string;
  const mounted: string[] = [];

  /** A tmpfs of `size` (e.g. "1m") at a fresh directory: a disk that really fills up. */
  function smallDisk(size: string): string {
    const at = join(dir, `disk-${mounted.length}`);
    mkdirSync(at);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at]);
    mounted.push(at);
    return at;
  }
  /** Fills what is left of the disk at `at`. */
  function fill(at: string): void {
    try {
      writeFileSync(join(at, 'filler'), Buffer.alloc(64 << 20));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'djbooker-failures-'));
  });
  afterEach(() => {
    for (const at of mounted.splice(0)) execFileSync('umount', [at]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a full disk during a CLI import: one French line, exit 1, the database as it was (not "cannot rollback")', async () => {
    const data = join(smallDisk('1m'), 'data');
    const files = await generateBenchFiles(dir, { clients: 300, gigs: 20_000 });
    expect((await djbooker(['import', 'clients', `${DEMO}clients_dj_clean.csv`, '--data-dir', data])).code).toBe(0);
    const r = await djbooker(['import', 'gigs', files.gigsPath, '--data-dir', data]);
    expect(r.stderr).toBe(FULL_DISK);
    expect(r.code).toBe(1);
    const overview = await djbooker(['overview', '--json', '--data-dir', data]);
    expect(overview.code).toBe(0);
    expect(JSON.parse(overview.stdout)).toMatchObject({ gigs: 0 });
  }, 120_000);

  it('a full disk under the server: 507 storage_full, said in words', async () => {
    const data = join(smallDisk('2m'), 'data');
    const database = await openDatabase({ dataDir: data });
    const app = await buildServer({ database, now: () => new Date('2026-01-14T10:00:00Z') });
    try {
      const owner = callerFrom(
        await call(app, 'POST', '/api/setup', { body: { name: 'Alex', email: 'alex@example.fr', password: 'correct horse battery' } }),
      );
      fill(join(data, '..'));
      const files = await generateBenchFiles(dir, { clients: 300, gigs: 20_000 });
      const failed = await call(app, 'POST', '/api/imports?kind=gigs&fileName=prestations.csv', {
        as: owner,
        file: readFileSync(files.gigsPath),
      });
      expect(failed.statusCode).toBe(507);
      expect(failed.json()).toEqual({
        error: {
          code: 'storage_full',
          message:
            'Le disque de la base de données est plein : l’opération a été annulée, rien n’a été enregistré. Libérez de la place, puis recommencez.',
        },
      });
      // Reads still work, and nothing of the import is there.
      const overview = await call(app, 'GET', '/api/overview', { as: owner });
      expect(overview.statusCode).toBe(200);
      expect(overview.json()).toMatchObject({ gigs: 0 });
    } finally {
      await app.close();
      await database.close();
    }
  }, 60_000);

  it('a write that waits past its limit for another process: 503 busy with Retry-After; reads go on meanwhile', async () => {
    const data = join(dir, 'data');
    const database = await openDatabase({ dataDir: data }, { lockWaitMs: 300 });
    const other: Database = await openDatabase({ dataDir: data });
    const app = await buildServer({ database, now: () => new Date('2026-01-14T10:00:00Z') });
    let release!: () => void;
    try {
      const owner = callerFrom(
        await call(app, 'POST', '/api/setup', { body: { name: 'Alex', email: 'alex@example.fr', password: 'correct horse battery' } }),
      );
      // Another process's long transaction (an import) holds the write lock.
      const holding = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const held = other.bulkTransaction(async (trx) => {
        await trx.updateTable('workspaces').set({ name: 'studio' }).execute();
        locked();
        await holding;
      });
      await isLocked;
      const started = performance.now();
      expect((await call(app, 'GET', '/api/overview', { as: owner })).statusCode).toBe(200);
      expect(performance.now() - started).toBeLessThan(2_000);
      const r = await call(app, 'POST', '/api/clients', { as: owner, body: { name: 'Nouveau client' } });
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('10');
      expect(r.json()).toEqual({
        error: {
          code: 'busy',
          message: 'La base de données est occupée par un autre processus (un import en cours ?) : réessayez dans un moment.',
          details: { retryAfter: 10 },
        },
      });
      release();
      await held;
      // Once the other transaction has committed, the same write goes through.
      expect((await call(app, 'POST', '/api/clients', { as: owner, body: { name: 'Nouveau client' } })).statusCode).toBe(201);
    } finally {
      release?.();
      await app.close();
      await database.close();
      await other.close();
    }
  }, 60_000);

  it('a directory given as a file: one French line, exit 1', async () => {
    const r = await djbooker(['import', 'gigs', dir, '--data-dir', join(dir, 'data')]);
    expect(r.stderr).toBe(`djbooker : Impossible de lire le fichier ${dir} : c’est un dossier, pas un fichier.\n`);
    expect(r.code).toBe(1);
  }, 60_000);

  it('`djbooker clients | head`: ends quietly when the reader closes the pipe, without an EPIPE stack', async () => {
    const files = await generateBenchFiles(dir, { clients: 3_000, gigs: 3_000 });
    const data = join(dir, 'data');
    expect((await djbooker(['import', 'clients', files.clientsPath, '--data-dir', data])).code).toBe(0);
    const result = await new Promise<{ code: number | null; stderr: string; read: number }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'clients', '--data-dir', data], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let read = 0;
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      // Like `head -c 1000`: read a little, then close our end of the pipe.
      child.stdout.on('data', (c: Buffer) => {
        read += c.length;
        if (read >= 1000) child.stdout.destroy();
      });
      child.on('exit', (code) => resolve({ code, stderr, read }));
    });
    expect(result.read).toBeGreaterThanOrEqual(1000);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
