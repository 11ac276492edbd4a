/**
 * What a failure of the storage means for the user, whichever engine raised it: the disk is full,
 * the database is read-only, or another process holds it for longer than we wait. The engines'
 * codes are read here and nowhere else; the app turns the kind into an AppError.
 */
export type StorageFailure = 'busy' | 'storage_full' | 'read_only';

/** The write lock was not free within the wait we allow (SQLite shared by processes). */
export class DatabaseBusyError extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor(readonly waitedMs: number) {
    super(`database is locked (waited ${waitedMs} ms)`);
    this.name = 'DatabaseBusyError';
  }
}

const SQLITE_PREFIXES: [string, StorageFailure][] = [
  ['SQLITE_FULL', 'storage_full'],
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
];

/** Node's and PostgreSQL's codes (53100 disk_full, 25006 read_only_sql_transaction, 55P03 lock_not_available). */
const EXACT: Record<string, StorageFailure> = {
  ENOSPC: 'storage_full',
  EDQUOT: 'storage_full',
  EROFS: 'read_only',
  '53100': 'storage_full',
  '25006': 'read_only',
  '55P03': 'busy',
};

/** The kind of storage failure `e` is (or was caused by), or null when it is something else. */
export function storageFailureOf(e: unknown): StorageFailure | null {
  for (let cause = e, depth = 0; cause && typeof cause === 'object' && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (EXACT[code]) return EXACT[code];
    for (const [prefix, kind] of SQLITE_PREFIXES) if (code.startsWith(prefix)) return kind;
  }
  return null;
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY …): worth waiting and trying again. */
export function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
