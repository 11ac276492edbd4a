/**
 * Kysely over better-sqlite3 for a database file that other processes use at the same time (the
 * web server while a CLI import runs, two CLI imports). better-sqlite3 is synchronous: SQLite's own
 * busy_timeout would wait *inside* the call and freeze the event loop. So:
 * - reads outside a transaction go to a second, read-only handle, never queued behind a transaction
 *   of ours nor blocked by another process's (WAL);
 * - writes take the write lock up front (`BEGIN IMMEDIATE`, or one autocommit statement) on the
 *   writer handle, whose busy_timeout is a few milliseconds; while another process holds the lock
 *   they wait asynchronously, retrying with a growing delay, up to a total wait (then DatabaseBusyError);
 * - a rollback never hides the error that caused it (after a disk-full error SQLite has already
 *   rolled back, and "cannot rollback - no transaction is active" would replace the real cause).
 * See docs/decisions/008.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type SqliteDriver from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { DatabaseBusyError, isSqliteBusy } from './storage-errors';

export interface LockWait {
  /** The longest a write waits for another process's transaction, in all. */
  maxMs: number;
  /** Told once when the wait lasts more than a moment (the CLI says so on stderr). */
  onWait?: () => void;
}

/** A wait goes unremarked below this: another process's short write, not an import. */
const NOTICE_AFTER_MS = 300;
const MAX_STEP_MS = 100;

const waitScope = new AsyncLocalStorage<Partial<LockWait>>();

/** Runs `work` with its own lock wait (an import waits its turn for as long as it takes, and says so). */
export function withLockWait<T>(options: Partial<LockWait>, work: () => Promise<T>): Promise<T> {
  return waitScope.run(options, work);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until SQLite stops answering BUSY, waiting between tries without blocking the event loop. */
async function untilFree<T>(attempt: () => T, defaults: LockWait): Promise<T> {
  const o = { ...defaults, ...waitScope.getStore() };
  const start = Date.now();
  let step = 2;
  let told = false;
  for (;;) {
    try {
      return attempt();
    } catch (e) {
      if (!isSqliteBusy(e)) throw e;
      const waited = Date.now() - start;
      if (waited >= o.maxMs) throw new DatabaseBusyError(waited);
      if (!told && o.onWait && waited >= NOTICE_AFTER_MS) {
        told = true;
        o.onWait();
      }
      await sleep(Math.min(step, Math.max(1, o.maxMs - waited)));
      step = Math.min(step * 2, MAX_STEP_MS);
    }
  }
}

/** The writer handle serves one transaction (or one autocommit write) at a time. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

function runStatement(stmt: SqliteDriver.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (stmt.reader) return { rows: stmt.all(parameters) as unknown[] };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

class Session implements DatabaseConnection {
  release: (() => void) | null = null;
  constructor(private readonly driver: SharedSqliteDriver) {}
  get inTransaction(): boolean {
    return this.release !== null;
  }
  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return Promise.resolve(runStatement(this.driver.writer.prepare(q.sql), q.parameters) as QueryResult<R>);
    return this.driver.autocommit(q) as Promise<QueryResult<R>>;
  }
  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(q);
    for (const row of rows) yield { rows: [row] };
  }
}

/** Statements texts vary with the number of ids in a list: the kept ones are bounded. */
const MAX_KEPT_READS = 500;

class SharedSqliteDriver implements Driver {
  readonly #mutex = new Mutex();
  /** Prepared statements of the read-only handle by text; null for a text that writes. */
  readonly #reads = new Map<string, SqliteDriver.Statement | null>();
  constructor(
    readonly writer: SqliteDriver.Database,
    readonly reader: SqliteDriver.Database,
    readonly wait: LockWait,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this);
  }
  async autocommit(q: CompiledQuery): Promise<QueryResult<unknown>> {
    const read = this.#preparedRead(q.sql);
    if (read) return untilFree(() => runStatement(read, q.parameters), this.wait);
    const release = await this.#mutex.lock();
    try {
      const stmt = this.writer.prepare(q.sql);
      return await untilFree(() => runStatement(stmt, q.parameters), this.wait);
    } finally {
      release();
    }
  }
  /**
   * The statement on the read-only handle when it only reads. A statement that the reader cannot
   * even prepare is the writer's: the reader's copy of the schema may be behind the writer's
   * (an `alter table` right after another changed the same table fails to prepare there).
   */
  #preparedRead(text: string): SqliteDriver.Statement | null {
    // Preparing costs more than running a small read (the session lookup of every request): the
    // reader's statements are kept by text. SQLite prepares one again by itself when the schema moves.
    const kept = this.#reads.get(text);
    if (kept !== undefined) return kept;
    let read: SqliteDriver.Statement | null;
    try {
      const stmt = this.reader.prepare(text);
      read = stmt.readonly ? stmt : null;
    } catch {
      // Not kept: the reader may prepare it once its copy of the schema has caught up.
      return null;
    }
    if (this.#reads.size >= MAX_KEPT_READS) this.#reads.clear();
    this.#reads.set(text, read);
    return read;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    const release = await this.#mutex.lock();
    try {
      await untilFree(() => this.writer.exec('begin immediate'), this.wait);
    } catch (e) {
      release();
      throw e;
    }
    session.release = release;
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.writer.exec('commit');
    this.#end(connection as Session);
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      // SQLite rolls back on its own after some errors (SQLITE_FULL, SQLITE_IOERR …).
      if (this.writer.inTransaction) this.writer.exec('rollback');
    } catch {
      // The caller rethrows the error that made it roll back: that one tells what went wrong.
    } finally {
      this.#end(connection as Session);
    }
  }
  async savepoint(_c: DatabaseConnection, name: string): Promise<void> {
    this.writer.exec(`savepoint "${name}"`);
  }
  async rollbackToSavepoint(_c: DatabaseConnection, name: string): Promise<void> {
    this.writer.exec(`rollback to "${name}"`);
  }
  async releaseSavepoint(_c: DatabaseConnection, name: string): Promise<void> {
    this.writer.exec(`release "${name}"`);
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    if (session.inTransaction) await this.rollbackTransaction(session);
  }
  #end(session: Session): void {
    const release = session.release;
    session.release = null;
    release?.();
  }
  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

/** Kysely's SQLite dialect with the driver above. */
export function sharedSqliteDialect(writer: SqliteDriver.Database, reader: SqliteDriver.Database, wait: LockWait): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new SharedSqliteDriver(writer, reader, wait),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}
