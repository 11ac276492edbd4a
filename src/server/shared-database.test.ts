/**
 * The embedded database shared by processes, for real: a web server in a process of its own serves
 * its clients while a CLI import of 200,000 gigs (another process) holds the write lock; two CLI
 * imports started together both complete, one after the other (on PostgreSQL too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchFiles, type GeneratedFiles } from '../../bench/generate';
import { cliTarget, testEngines } from '../../test/support/databases';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp';
import { waitFor } from '../../test/support/wait';
import { openDatabase, type DatabaseOptions } from '../db/connection';
import { waitForWorkspaceImports } from '../db/imports';
import { DatabaseBusyError } from '../db/storage-errors';

const BIN = new URL('../../bin/djbooker.js', import.meta.url).pathname;
const SERVER = new URL('../../test/support/server-child.ts', import.meta.url).pathname;
const PASSWORD = 'un mot de passe assez long';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

function cli(options: DatabaseOptions, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const target = cliTarget(options);
  return run([BIN, ...args, ...target.args], { ...target.env, ...env });
}

async function succeeded(r: Run): Promise<string> {
  const code = await r.exited;
  if (code !== 0) throw new Error(`exit ${code}: ${r.stderr()}`);
  return r.stdout();
}

/** True while another process holds the embedded database's write lock (a write of ours that waits 0 ms is refused). */
async function writeLockHeld(options: DatabaseOptions): Promise<boolean> {
  const probe = await openDatabase(options, { lockWaitMs: 0 });
  try {
    await probe.db.updateTable('workspaces').set({ name: 'x' }).where('id', '=', -1).execute();
    return false;
  } catch (e) {
    if (e instanceof DatabaseBusyError) return true;
    throw e;
  } finally {
    await probe.close();
  }
}

describe('the embedded database shared by a server and CLI imports', () => {
  let dir: string;
  let files: GeneratedFiles;
  let small: GeneratedFiles;
  let smtp: TestSmtp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'djbooker-shared-'));
    files = await generateBenchFiles(dir, { clients: 2_000, gigs: 200_000 });
    mkdirSync(join(dir, 'small'));
    small = await generateBenchFiles(join(dir, 'small'), { clients: 500, gigs: 30_000 });
    smtp = await startTestSmtp();
  }, 120_000);
  afterAll(async () => {
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves sign-ins, the overview, a booking and a follow-up batch while a CLI import of 200,000 gigs runs', async () => {
    const options = { dataDir: join(dir, 'data') };
    await succeeded(
      cli(options, ['users', 'add', '--email', 'dj@example.com', '--name', 'DJ', '--workspace', 'studio'], { DJBOOKER_PASSWORD: PASSWORD }),
    );
    await succeeded(cli(options, ['import', 'clients', files.clientsPath]));
    const server = run(['--import', 'tsx', SERVER], { DJB_TEST_DB: JSON.stringify(options) });
    try {
      const { port } = await waitFor('the server', async () => {
        const line = server.stdout().split('\n')[0];
        if (line) return JSON.parse(line) as { port: number };
        if (server.child.exitCode !== null) throw new Error(server.stderr());
        return undefined;
      });
      const base = `http://127.0.0.1:${port}`;
      type Answer = { status: number; ms: number; body: unknown };
      const request = async (
        method: string,
        path: string,
        session: { cookie: string; csrf: string } | null,
        body?: unknown,
      ): Promise<Answer> => {
        const started = performance.now();
        const headers: Record<string, string> = { accept: 'application/json' };
        if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
        if (body !== undefined) headers['content-type'] = 'application/json';
        const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await r.text();
        const answer = { status: r.status, ms: performance.now() - started, body: text ? (JSON.parse(text) as unknown) : null };
        if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${text}`);
        return Object.assign(answer, { cookie: r.headers.get('set-cookie') });
      };
      const signIn = async () => {
        const r = await request('POST', '/api/auth/login', null, { email: 'dj@example.com', password: PASSWORD });
        const cookie = /djb_session=[^;]+/.exec((r as Answer & { cookie: string | null }).cookie ?? '')?.[0];
        return { cookie: cookie ?? '', csrf: (r.body as { csrfToken: string }).csrfToken };
      };
      const admin = await signIn();
      await request('PUT', '/api/mail-settings', admin, {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        username: null,
        password: null,
        fromName: 'DJ',
        fromAddress: 'dj@example.com',
      });
      const clients = ((await request('GET', '/api/clients?limit=40&sort=name', admin)).body as { clients: { id: number }[] }).clients;

      const importing = cli(options, ['import', 'gigs', files.gigsPath, '--json']);
      // Start the clients once the import holds the write lock.
      await waitFor(
        'the import to hold the write lock',
        async () => {
          if (importing.child.exitCode !== null) throw new Error(`the import ended first: ${importing.stderr()}`);
          return (await writeLockHeld(options)) ? true : undefined;
        },
        120_000,
      );

      const reads: number[] = [];
      let rounds = 0;
      let roundsWhileLocked = 0;
      let done = false;
      void importing.exited.then(() => (done = true));
      const visitor = async (n: number) => {
        // Each visitor signs in (once: sign-ins are rate-limited per address, and a slow machine makes
        // many rounds), then reads the overview, books a gig and posts a one-message batch, again and
        // again until the import has ended (at least once).
        const session = await signIn();
        for (let round = 0; round === 0 || !done; round++) {
          const lockedAtStart = !done;
          reads.push((await request('GET', '/api/overview', session)).ms);
          const client = clients[(n * 7 + round) % clients.length]!;
          await request('POST', '/api/gigs', session, {
            clientId: client.id,
            // A date to come (a past one is a gig already played, refused as « confirmed »).
            date: `${new Date().getFullYear() + 1}-06-20`,
            amount: 800 + round,
            status: 'confirmed',
          });
          await request('POST', '/api/follow-ups/batch', session, {
            batchId: `visitor-${n}-${round}`,
            force: true,
            messages: [{ clientId: client.id, subject: `Bonjour ${n}-${round}`, body: 'Une date cet été ?' }],
          });
          rounds++;
          if (lockedAtStart) roundsWhileLocked++;
        }
      };
      await Promise.all([0, 1, 2].map(visitor));
      const report = JSON.parse(await succeeded(importing)) as { imported: number; rejected: unknown[] };
      expect(report.imported + report.rejected.length).toBe(200_000);
      expect(roundsWhileLocked).toBeGreaterThanOrEqual(3);
      expect(rounds).toBeGreaterThanOrEqual(3);
      // The overview during the import: served from the read handle, never frozen behind the lock.
      expect(Math.max(...reads)).toBeLessThan(5_000);
      const after = (await request('GET', '/api/overview', admin)).body as { gigs: number };
      expect(after.gigs).toBeGreaterThan(100_000);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300_000);

  for (const engine of testEngines()) {
    it(`two CLI imports started together both complete, the second after the first (${engine.name})`, async () => {
      const database = await engine.open();
      try {
        await succeeded(
          cli(database.options, ['users', 'add', '--email', 'dj@example.com', '--name', 'DJ', '--workspace', 'studio'], {
            DJBOOKER_PASSWORD: PASSWORD,
          }),
        );
        // Both start while the workspace's import lock is held here (on SQLite, the write lock), so
        // that both must wait whatever the machine's speed; released, they run one after the other.
        const { id: workspaceId } = await database.db
          .selectFrom('workspaces')
          .select('id')
          .where('name', '=', 'studio')
          .executeTakeFirstOrThrow();
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let holding!: () => void;
        const held = new Promise<void>((resolve) => (holding = resolve));
        const holder = database.bulkTransaction(async (trx) => {
          await waitForWorkspaceImports(trx, database.engine, workspaceId);
          // On SQLite the write lock is taken by a write, not by the transaction's start alone.
          await trx.updateTable('workspaces').set({ name: 'studio' }).where('id', '=', workspaceId).execute();
          holding();
          await released;
        });
        await held;
        const WAIT = 'djbooker : un autre import est en cours… attente\n';
        const [a, b] = [0, 1].map(() => cli(database.options, ['import', 'gigs', small.gigsPath, '--json']));
        await waitFor(
          'both imports to say they wait',
          async () => ([a!, b!].every((r) => r.stderr().includes(WAIT)) ? true : undefined),
          120_000,
        );
        release();
        await holder;
        const reports = (await Promise.all([succeeded(a!), succeeded(b!)])).map(
          (out) => JSON.parse(out) as { imported: number; duplicates: number },
        );
        // Same file: one import adds every gig, the other, after it, finds them all there.
        expect(reports.map((r) => r.imported).sort((x, y) => x - y)).toEqual([0, expect.any(Number)]);
        const imported = Math.max(...reports.map((r) => r.imported));
        expect(imported).toBeGreaterThan(25_000);
        expect(Math.max(...reports.map((r) => r.duplicates))).toBe(imported);
        expect(
          await database.db
            .selectFrom('gigs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
        ).toEqual({ n: imported });
      } finally {
        await database.cleanup();
      }
    }, 300_000);
  }
});
