/** The one error type of the application: a code the CLI and the HTTP server map in one place each. */
import type { ErrorDetails } from '../contracts/errors';
import { storageFailureOf, type StorageFailure } from '../db/storage-errors';

export type AppErrorCode =
  | 'usage'
  | 'not_found'
  | 'ambiguous_workspace'
  | 'unreadable_file'
  | 'invalid_file'
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  /** A member asked for what only the workspace's owner may do. */
  | 'owner_only'
  | 'conflict'
  | 'rate_limited'
  | StorageFailure;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** What the client may be told beside the message (src/contracts/errors.ts). */
    readonly details?: ErrorDetails,
    /** What only the application reads (never sent). */
    readonly internal?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const STORAGE_MESSAGES: Record<StorageFailure, string> = {
  busy: 'La base de données est occupée par un autre processus (un import en cours ?) : réessayez dans un moment.',
  storage_full: 'Le disque de la base de données est plein : l’opération a été annulée, rien n’a été enregistré. Libérez de la place, puis recommencez.',
  read_only: 'La base de données est en lecture seule (droits sur le dossier de données, ou disque monté en lecture seule) : rien n’a été enregistré.',
};

/**
 * The AppError a failure amounts to: itself, or the storage failure (disk full, read-only, busy)
 * it was caused by, in words; null for anything else (a bug, an unknown failure).
 */
export function appErrorOf(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  const kind = storageFailureOf(e);
  return kind ? new AppError(kind, STORAGE_MESSAGES[kind]) : null;
}
