/**
 * Opens the database: SQLite (embedded default, a file in the data directory) or PostgreSQL
 * (DATABASE_URL), applies the migrations, and offers the one transaction with a bulk loader
 * that imports use (COPY on PostgreSQL, a prepared statement on SQLite).
 */
import { once } from 'node:events';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Engine } from './engine';
import { migrateToLatest } from './migrate';
import type { Schema } from './schema';
import { sharedSqliteDialect, withLockWait, type LockWait } from './sqlite-shared';

export type Db = Kysely<Schema>;

/** Loads rows into a table inside the current transaction, by the engine's fastest path. */
export type BulkLoad = (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => Promise<void>;

export interface Database {
  engine: Engine;
  db: Db;
  /** The embedded database's folder (files that belong beside it, like `secret.key`); null on PostgreSQL. */
  dataDir: string | null;
  /**
   * Runs `work` in one transaction; everything it wrote is rolled back if it throws. It holds the
   * write lock from its start (SQLite) and, with `wait`, waits for it as long as that says.
   */
  bulkTransaction<T>(work: (trx: Db, load: BulkLoad) => Promise<T>, wait?: Partial<LockWait>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions = { url: string } | { dataDir: string };

/**
 * How long a write waits, by default, for another process's transaction on the embedded database:
 * long enough for a CLI import of a million gigs on a busy machine (docs/decisions/008).
 */
export const DEFAULT_LOCK_WAIT_MS = 120_000;

export async function openDatabase(options: DatabaseOptions, tuning: { lockWaitMs?: number } = {}): Promise<Database> {
  const database =
    'url' in options ? openPostgres(options.url) : openSqlite(options.dataDir, { maxMs: tuning.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS });
  try {
    await migrateToLatest(database.db as Kysely<unknown>, database.engine);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

/** What the data directory holds that is its owner's only (SQLite gives -wal and -shm the main file's mode). */
const PRIVATE_FILES = ['djbooker.sqlite', 'djbooker.sqlite-wal', 'djbooker.sqlite-shm', 'djbooker.sqlite-journal', 'secret.key'];

/**
 * The data directory 0700 and its files 0600, whatever the umask: created so (the database file
 * before SQLite opens it), and put right on an install that an earlier version left readable.
 */
function makePrivateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = join(dir, 'djbooker.sqlite');
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const name of PRIVATE_FILES) {
    if (existsSync(join(dir, name))) chmodSync(join(dir, name), 0o600);
  }
}

function openSqlite(dataDir: string, wait: LockWait): Database {
  const dir = resolve(dataDir);
  makePrivateDataDir(dir);
  const file = join(dir, 'djbooker.sqlite');
  const raw = new SqliteDriver(file);
  // A few milliseconds: longer waits for another process happen asynchronously (sqlite-shared.ts),
  // never inside a synchronous call that would freeze the event loop.
  raw.pragma('busy_timeout = 5');
  raw.pragma('journal_mode = WAL');
  // FULL: a committed import survives a power cut, not only a crash of the process.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // 16 MB of page cache (the default is 2 MB): an import of a million gigs maintains several
  // indexes at once; more cache is faster still but pushes the import's memory past 400 MB.
  raw.pragma('cache_size = -16384');
  raw.pragma('temp.cache_size = -16384');
  // Reads outside a transaction: WAL lets them go on while another process writes.
  const reader = new SqliteDriver(file, { readonly: true });
  reader.pragma('busy_timeout = 5');
  reader.pragma('cache_size = -16384');
  const db = new Kysely<Schema>({ dialect: sharedSqliteDialect(raw, reader, wait) });
  const statements = new Map<string, SqliteDriver.Statement>();
  const prepared = (table: string, columns: readonly string[], count: number) => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const text = `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) values ${Array.from({ length: count }, () => tuple).join(', ')}`;
    let stmt = statements.get(text);
    if (!stmt) {
      stmt = raw.prepare(text);
      statements.set(text, stmt);
    }
    return stmt;
  };
  // Rows go in by prepared statements of LOAD_TUPLES rows each (fewer calls into SQLite), the rest one by one.
  const load: BulkLoad = async (table, columns, rows) => {
    let i = 0;
    if (rows.length >= LOAD_TUPLES) {
      const many = prepared(table, columns, LOAD_TUPLES);
      for (; i + LOAD_TUPLES <= rows.length; i += LOAD_TUPLES)
        many.run(rows.slice(i, i + LOAD_TUPLES).flatMap((row) => row.map(toSqliteValue)));
    }
    const one = prepared(table, columns, 1);
    for (; i < rows.length; i++) one.run((rows[i] ?? []).map(toSqliteValue));
  };
  return {
    engine: 'sqlite',
    db,
    dataDir: dir,
    // better-sqlite3 is one synchronous connection and Kysely holds it for the whole transaction,
    // so statements run on the raw handle inside `work` belong to that transaction.
    async bulkTransaction(work, lockWait = {}) {
      const result = await withLockWait(lockWait, () => db.transaction().execute((trx) => work(trx, load)));
      await checkpointSoon(raw);
      return result;
    },
    close: () => db.destroy(),
  };
}

const CHECKPOINT_FOR_MS = 10_000;

/**
 * After a bulk transaction, copies its pages from the WAL into the database here, in the process
 * that wrote them. SQLite's automatic checkpoint at commit copies only what no reader still needs;
 * with another process reading (the server during a CLI import) it leaves most of the import in the
 * WAL, and the server's next write would then copy it all synchronously, freezing its event loop.
 * Readers' snapshots last one statement: a few tries a few milliseconds apart get everything.
 */
async function checkpointSoon(raw: SqliteDriver.Database): Promise<void> {
  const until = Date.now() + CHECKPOINT_FOR_MS;
  for (let step = 2; ; step = Math.min(step * 2, 100)) {
    const [r] = raw.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!r || r.log <= r.checkpointed || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, step));
  }
}

/** Rows per multi-row insert of a bulk load: 50 × 19 staging columns stays far below SQLite's 32,766 parameters. */
const LOAD_TUPLES = 50;

function toSqliteValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** pg returns bigint, count() and sum() as strings and dates as JS Dates: map them once, here. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    if (oid === 1082) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    dataDir: null,
    async bulkTransaction(work) {
      const client = await pool.connect();
      // A Kysely bound to this one client, so that queries and COPY share the transaction.
      // Kysely "releases" its connection after each query: hand it a view of the client whose
      // release does nothing, and release the real client once the transaction is over.
      const borrowed = { query: client.query.bind(client), release: () => {} };
      const trx = new Kysely<Schema>({
        dialect: new PostgresDialect({ pool: { connect: async () => borrowed, end: async () => {} } as unknown as pg.Pool }),
      });
      const load: BulkLoad = (table, columns, rows) => copyRows(client, table, columns, rows);
      try {
        await client.query('begin');
        const result = await work(trx, load);
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback');
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) {
  const stream = client.query(copyFrom(`copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from stdin`));
  const done = new Promise<void>((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  // A failure while we wait for the stream to drain is thrown by the race below; `done` is awaited after.
  done.catch(() => undefined);
  let buffer = '';
  for (const row of rows) {
    buffer += row.map(copyValue).join('\t') + '\n';
    if (buffer.length > 1 << 16) {
      // Backpressure: what the server has not taken yet is not piled up in this process.
      if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), done]);
      buffer = '';
    }
  }
  stream.end(buffer);
  await done;
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** COPY text format: \N for null, backslash escapes for the few characters that need them. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const text = String(v);
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c] ?? c) : text;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
