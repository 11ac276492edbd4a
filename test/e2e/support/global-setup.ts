/**
 * Builds the web app when it is stale and starts the real server (`djbooker serve`) on a fresh data directory and
 * a free port, for the whole browser suite; stops it and removes the data afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { waitUntil } from '../../support/wait';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory, for a file that runs the CLI on the same database (users add). */
    dataDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  await waitUntil(
    `the server on ${url}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
      return fetch(`${url}/api/setup`).then(
        (response) => response.ok,
        () => false, // not listening yet
      );
    },
    120_000,
  );
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // `djbooker serve` serves only a current build: make it when the sources changed (a fresh clone has none).
  const build = spawnSync('node', ['--import', 'tsx', 'scripts/build-web.ts', '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web build failed (scripts/build-web.ts)');

  const dataDir = mkdtempSync(join(tmpdir(), 'djbooker-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The embedded database in the fresh directory, whatever the developer's shell points at.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const child = spawn('node', ['bin/djbooker.js', 'serve', '--data-dir', dataDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await waitUntilUp(baseUrl, child, () => log);
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
