/**
 * Issue 3's aim: the overview and the lists answer in under 100 ms at the 95th percentile under
 * 50 concurrent requests. autocannon drives a server running in a child process (serve-child.ts)
 * over loopback, signed in as a user of the imported workspace. autocannon's summary has no p95:
 * the percentiles are taken from every successful answer's latency as autocannon times it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { DatabaseOptions } from '../src/db/connection';
import { quantile } from './format';

export interface EndpointLoad {
  path: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p975Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export const HTTP_ENDPOINTS = [
  '/api/overview',
  '/api/clients?sort=name&limit=50',
  '/api/clients?segment=vip&sort=revenue&limit=50',
  '/api/clients?segment=lapsed&sort=priority&limit=50',
  '/api/clients?sort=priority&limit=50&offset=10000',
] as const;

const EMAIL = 'bench@example.fr';
const PASSWORD = 'bench-password-not-secret';

async function startServer(database: DatabaseOptions) {
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./serve-child.ts', import.meta.url)),
      JSON.stringify(database),
      EMAIL,
    ],
    {
      env: { ...process.env, BENCH_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

async function signIn(base: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`bench sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('bench sign-in: no session cookie');
  return cookie;
}

export async function runHttpLoad(database: DatabaseOptions, seconds: number, connections = 50): Promise<EndpointLoad[]> {
  const { child, port } = await startServer(database);
  try {
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signIn(base);
    const results: EndpointLoad[] = [];
    for (const path of HTTP_ENDPOINTS) {
      // The first request after an import computes the workspace's segmentation; the aim is about the warm answers.
      await fetch(base + path, { headers: { cookie } });
      const latencies: number[] = [];
      const r = await new Promise<autocannon.Result>((resolve, reject) => {
        const run = autocannon({ url: base + path, connections, duration: seconds, headers: { cookie } }, (error, result) =>
          error ? reject(error) : resolve(result),
        );
        run.on('response', (_client, statusCode, _bytes, ms) => {
          if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
        });
      });
      latencies.sort((a, b) => a - b);
      results.push({
        path,
        requests: r.requests.total,
        requestsPerSecond: r.requests.average,
        p50Ms: quantile(latencies, 0.5),
        p90Ms: quantile(latencies, 0.9),
        p95Ms: quantile(latencies, 0.95),
        p975Ms: quantile(latencies, 0.975),
        p99Ms: quantile(latencies, 0.99),
        errors: r.errors,
        non2xx: r.non2xx,
      });
    }
    return results;
  } finally {
    child.kill();
    await once(child, 'exit');
  }
}
