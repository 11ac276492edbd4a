/**
 * The real databases tests run on: SQLite in a fresh temporary directory always, and
 * PostgreSQL (a fresh schema in TEST_DATABASE_URL's database) when that variable is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/db/connection';
import { RUN_VARIABLE } from './postgres-schemas';

/** A fresh database for one test: `options` open it again (another connection, the CLI, a child process). */
export type TestDatabase = Database & { options: DatabaseOptions; cleanup(): Promise<void> };

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'sqlite', open: openTestSqlite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: 'postgres', open: () => openTestPostgres(url) });
  return engines;
}

export async function openTestSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'djbooker-test-'));
  const database = await openDatabase({ dataDir: dir });
  return Object.assign(database, {
    options: { dataDir: dir },
    async cleanup() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * A schema of its own per test database, so that parallel test files never see each other. Under
 * the unit suite's global setup the schemas are dropped once the run is over (see
 * postgres-schemas.ts); elsewhere each is dropped when its test is done.
 */
export async function openTestPostgres(url: string): Promise<TestDatabase> {
  const run = process.env[RUN_VARIABLE];
  const schema = `t_${run ?? process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scopedUrl = withSearchPath(url, schema);
  const database = await openDatabase({ url: scopedUrl });
  return Object.assign(database, {
    options: { url: scopedUrl },
    async cleanup() {
      await database.close();
      if (run) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  });
}

/** How the `djbooker` CLI reaches the same database: DATABASE_URL, or --data-dir. */
export function cliTarget(options: DatabaseOptions): { env: NodeJS.ProcessEnv; args: string[] } {
  return 'url' in options ? { env: { DATABASE_URL: options.url }, args: [] } : { env: {}, args: ['--data-dir', options.dataDir] };
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
