/**
 * The embedded database shared by processes: a web server (a child process, serve-child.ts) answers
 * its clients while a CLI import (another process) holds the write lock. Measures the server's reads
 * during the import (GET /api/overview from 4 concurrent clients: p50, p99; aim p99 < 200 ms) and
 * its writes' wait (POST /api/clients, one at a time: each waits for the import's commit).
 *
 * On its own: `node --import tsx bench/shared-database.ts [--gigs 200000]` (default 100,000 gigs,
 * a tenth as many clients); `npm run bench` runs it on its own data set too.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { count, duration, table, verdict } from './format';
import { generateBenchFiles, type BenchSize } from './generate';

const BIN = fileURLToPath(new URL('../bin/djbooker.js', import.meta.url));
const SERVE_CHILD = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const EMAIL = 'bench@example.fr';
const PASSWORD = 'bench-password-not-secret';
const READERS = 4;
export const SHARED_READ_AIM_MS = 200;

export interface SharedDatabaseResult {
  gigs: number;
  importMs: number;
  reads: { requests: number; p50Ms: number; p99Ms: number; maxMs: number; failures: number };
  writes: { requests: number; p50Ms: number; maxMs: number; failures: number };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function runCli(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`djbooker ${args[0]} failed (exit ${code})`)))),
  );
}

/** Runs the scenario in `dir` (a fresh data directory is made in it). */
export async function runSharedDatabaseBench(
  dir: string,
  size: BenchSize,
  log: (line: string) => void = () => {},
): Promise<SharedDatabaseResult> {
  const files = await generateBenchFiles(dir, size);
  const dataDir = join(dir, 'shared-data');
  await runCli(['import', 'clients', files.clientsPath, '--data-dir', dataDir]);
  const server = spawn(process.execPath, ['--import', 'tsx', SERVE_CHILD, JSON.stringify({ dataDir }), EMAIL], {
    env: { ...process.env, BENCH_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const base = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    // Warm: the first overview after a change computes the segmentation.
    await fetch(`${base}/api/overview`, { headers: { cookie } });

    const reads: number[] = [];
    const writes: number[] = [];
    let readFailures = 0;
    let writeFailures = 0;
    let importing = true;
    const started = performance.now();
    log(`  CLI import of ${count(size.gigs)} gigs while the server answers…`);
    const cli = runCli(['import', 'gigs', files.gigsPath, '--data-dir', dataDir]).finally(() => (importing = false));
    const timed = async (request: () => Promise<Response>, into: number[]): Promise<boolean> => {
      const t = performance.now();
      const r = await request().catch(() => null);
      into.push(performance.now() - t);
      if (r) await r.arrayBuffer();
      return r?.ok === true;
    };
    const reader = async () => {
      while (importing) if (!(await timed(() => fetch(`${base}/api/overview`, { headers: { cookie } }), reads))) readFailures++;
    };
    const writer = async () => {
      for (let i = 0; importing; i++) {
        const ok = await timed(
          () =>
            fetch(`${base}/api/clients`, {
              method: 'POST',
              headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ name: `Bench écriture ${i}` }),
            }),
          writes,
        );
        if (!ok) writeFailures++;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await Promise.all([cli, writer(), ...Array.from({ length: READERS }, reader)]);
    const importMs = performance.now() - started;
    const r = [...reads].sort((a, b) => a - b);
    const w = [...writes].sort((a, b) => a - b);
    return {
      gigs: size.gigs,
      importMs,
      reads: { requests: r.length, p50Ms: percentile(r, 50), p99Ms: percentile(r, 99), maxMs: r.at(-1) ?? 0, failures: readFailures },
      writes: { requests: w.length, p50Ms: percentile(w, 50), maxMs: w.at(-1) ?? 0, failures: writeFailures },
    };
  } finally {
    server.kill();
    await once(server, 'exit');
  }
}

export function sharedDatabaseTable(r: SharedDatabaseResult): string {
  return table(
    ['during a CLI import of ' + count(r.gigs) + ' gigs (' + duration(r.importMs) + ')', 'requests', 'p50', 'p99', 'max', 'failed', 'aim'],
    [
      [
        `reads: GET /api/overview, ${READERS} clients`,
        count(r.reads.requests),
        duration(r.reads.p50Ms),
        duration(r.reads.p99Ms),
        duration(r.reads.maxMs),
        String(r.reads.failures),
        `p99 < ${SHARED_READ_AIM_MS} ms ${verdict(r.reads.p99Ms < SHARED_READ_AIM_MS)}`,
      ],
      [
        'writes: POST /api/clients (wait for the commit)',
        count(r.writes.requests),
        duration(r.writes.p50Ms),
        '',
        duration(r.writes.maxMs),
        String(r.writes.failures),
        `none failed ${verdict(r.writes.failures === 0)}`,
      ],
    ],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { gigs: { type: 'string' } } });
  const gigs = Number(values.gigs ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'djbooker-shared-bench-'));
  try {
    const result = await runSharedDatabaseBench(dir, { gigs, clients: Math.max(100, Math.round(gigs / 10)) }, (l) =>
      process.stdout.write(`${l}\n`),
    );
    process.stdout.write(`${sharedDatabaseTable(result)}\n`);
    process.exitCode = result.reads.failures + result.writes.failures === 0 && result.reads.p99Ms < SHARED_READ_AIM_MS ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
