/**
 * Issue 9's hostile uploads: a 50 MB single line and 200 rows of 1 MB bad amounts, each sent to
 * the import preview and the import of a server in a process of its own, while another client
 * signs in and reads the overview. Measures the other client's answers (slowest, p50, p99), the
 * server's peak memory (VmHWM of its process) and the uploads' answers.
 * Runs on its own with `npm run bench -- --only hostile-uploads`, and within `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DatabaseOptions } from '../src/db/connection';
import { send, type Answer } from '../test/support/raw-http';

const MB = 1_000_000;
const EMAIL = 'hostile@example.fr';
const PASSWORD = 'bench-password-not-secret';
/** Sign-ins of the other client: under the per-address limit of the public routes (30 a minute). */
const SIGN_INS = 10;
/** Issue 9's aims. */
export const HOSTILE_AIM = { otherSlowestMs: 1000, serverPeakBytes: 600 * 2 ** 20 };

export interface UploadAnswer {
  upload: string;
  status: number;
  ms: number;
  bytes: number;
  summary: string;
}

export interface HostileUploadsResult {
  uploads: UploadAnswer[];
  other: { requests: number; failures: number; p50Ms: number; p99Ms: number; slowestMs: number };
  serverPeakRssBytes: number;
}

/** The two hostile files, written in `dir` without holding them in memory. */
export async function generateHostileFiles(dir: string): Promise<{ singleLine: string; badAmounts: string }> {
  const write = async (name: string, parts: Iterable<string>) => {
    const path = join(dir, name);
    const out = createWriteStream(path);
    for (const part of parts) if (!out.write(part)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    return path;
  };
  const singleLine = await write(
    'hostile-single-line.csv',
    (function* () {
      for (let i = 0; i < 50; i++) yield 'x'.repeat(MB);
    })(),
  );
  const badAmounts = await write(
    'hostile-bad-amounts.csv',
    (function* () {
      yield 'date;client;montant\r\n';
      for (let i = 0; i < 200; i++) yield `2025-01-${String((i % 28) + 1).padStart(2, '0')};Bar ${i};${'12a'.repeat(MB / 3)}\r\n`;
    })(),
  );
  return { singleLine, badAmounts };
}

/** The peak resident memory of a process so far (Linux). */
function peakRss(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function summarise(body: string): string {
  try {
    // An API error carries a message; a preview of a file that cannot be imported carries the problem's code.
    const json = JSON.parse(body) as { error?: { message?: string; problem?: { code: string } }; rows?: number; rejectedCount?: number };
    if (json.error) return `refused: ${json.error.message ?? json.error.problem?.code}`;
    return `${json.rows} rows, ${json.rejectedCount} rejected`;
  } catch {
    return body.slice(0, 100);
  }
}

export async function runHostileUploads(
  database: DatabaseOptions,
  files: { singleLine: string; badAmounts: string },
): Promise<HostileUploadsResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./serve-child.ts', import.meta.url)), JSON.stringify(database), EMAIL],
    {
      env: { ...process.env, BENCH_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const base = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    const uploader = await send(base, 'POST', '/api/auth/login', { json: { email: EMAIL, password: PASSWORD } });
    const cookie = uploader.cookie ?? '';
    const csrf = (JSON.parse(uploader.body) as { csrfToken: string }).csrfToken;

    let uploading = true;
    const others: Answer[] = [];
    const otherClient = (async () => {
      let session = '';
      for (let signIns = 0; uploading; signIns++) {
        if (signIns < SIGN_INS) {
          const signIn = await send(base, 'POST', '/api/auth/login', { json: { email: EMAIL, password: PASSWORD } });
          others.push(signIn);
          session = signIn.cookie ?? session;
        }
        others.push(await send(base, 'GET', '/api/overview', { cookie: session }));
      }
    })();

    const uploads: UploadAnswer[] = [];
    try {
      for (const [name, path] of [
        ['50 MB single line', files.singleLine],
        ['200 rows of 1 MB bad amounts', files.badAmounts],
      ] as const) {
        for (const route of ['/api/imports/preview', '/api/imports']) {
          const a = await send(base, 'POST', `${route}?kind=gigs`, { cookie, csrf, file: path });
          uploads.push({
            upload: `${name} → ${route}`,
            status: a.status,
            ms: a.ms,
            bytes: Buffer.byteLength(a.body),
            summary: summarise(a.body),
          });
        }
      }
    } finally {
      uploading = false;
      await otherClient;
    }
    const times = others.map((a) => a.ms).sort((a, b) => a - b);
    return {
      uploads,
      other: {
        requests: others.length,
        failures: others.filter((a) => a.status !== 200).length,
        p50Ms: percentile(times, 50),
        p99Ms: percentile(times, 99),
        slowestMs: times[times.length - 1] ?? 0,
      },
      serverPeakRssBytes: peakRss(child.pid ?? 0),
    };
  } finally {
    child.kill();
    await once(child, 'exit');
  }
}
