/**
 * The databases the bench imports into: a fresh SQLite data directory always, and a fresh
 * PostgreSQL schema when a server answers (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the
 * local one at 127.0.0.1:5432).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import SqliteDriver from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseOptions } from '../src/db/connection';
import type { Engine } from '../src/db/engine';
import { withSearchPath } from '../test/support/databases';
import { postgresCopyBaseline, sqliteImportBaseline, type BaselineResult } from './baselines';

export interface BenchTarget {
  engine: Engine;
  label: string;
  /** What the importer and the use-cases open. */
  database: DatabaseOptions;
  /** The engine's version, and the baseline tool's when it differs. */
  version(): Promise<string>;
  baseline(csvPath: string): BaselineResult;
  cleanup(): Promise<void>;
}

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function sqliteTarget(workDir: string): BenchTarget {
  const dataDir = join(workDir, 'sqlite-data');
  mkdirSync(dataDir, { recursive: true });
  return {
    engine: 'sqlite',
    label: 'SQLite',
    database: { dataDir },
    version: async () => {
      const linked = new SqliteDriver(':memory:');
      const { v } = linked.prepare('select sqlite_version() as v').get() as { v: string };
      linked.close();
      const shell = execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0];
      return `${v} (sqlite3 shell ${shell})`;
    },
    baseline: (csvPath) => sqliteImportBaseline(csvPath, workDir),
    cleanup: async () => {},
  };
}

/** A fresh schema on the server, or the reason there is none. */
export async function postgresTarget(env: NodeJS.ProcessEnv, keep: boolean): Promise<BenchTarget | { skipped: string }> {
  const url = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const schema = `bench_${Date.now().toString(36)}_${process.pid}`;
  try {
    await onServer(url, `create schema ${schema}`);
  } catch (e) {
    return { skipped: `PostgreSQL at ${redact(url)} does not answer (${e instanceof Error ? e.message : String(e)})` };
  }
  return {
    engine: 'postgres',
    label: 'PostgreSQL',
    database: { url: withSearchPath(url, schema) },
    version: async () => (await onServer(url, 'show server_version'))[0]?.server_version ?? '?',
    baseline: (csvPath) => postgresCopyBaseline(csvPath, url, schema),
    cleanup: async () => {
      if (!keep) await onServer(url, `drop schema ${schema} cascade`);
    },
  };
}

async function onServer(url: string, statement: string): Promise<Record<string, string>[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query<Record<string, string>>(statement)).rows;
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}
