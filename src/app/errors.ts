/** The one error type of the application: a code the CLI and the HTTP server map in one place each. */
import type { ErrorDetails } from '../contracts/errors';
import { message, type Lang, type MessageKey, type Vars } from '../contracts/messages';
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

/**
 * An error's sentence in the message catalogue: the server words it in the request's language.
 * `text` composes several entries (a file problem quoting field names, each from the catalogue).
 */
export type Words = { key: MessageKey; vars?: Vars } | { text: (lang: Lang) => string };

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** What the client may be told beside the message (src/contracts/errors.ts). */
    readonly details?: ErrorDetails,
    /** What only the application reads (never sent). */
    readonly internal?: unknown,
    /** When set, `message` is its French wording, and the API answers in the request's language. */
    readonly words?: Words,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** An error worded from the catalogue: French for the CLI and the logs, any language for the API. */
  static worded(code: AppErrorCode, key: MessageKey, vars?: Vars, details?: ErrorDetails): AppError {
    return new AppError(code, message('fr', key, vars), details, undefined, vars ? { key, vars } : { key });
  }

  /** An error whose words are composed from the catalogue by `text` (French for the CLI and the logs). */
  static composed(code: AppErrorCode, text: (lang: Lang) => string, details?: ErrorDetails, internal?: unknown): AppError {
    return new AppError(code, text('fr'), details, internal, { text });
  }

  /** Its message in `lang`: from the catalogue when it is worded there, its French text otherwise. */
  textIn(lang: Lang): string {
    if (!this.words) return this.message;
    return 'text' in this.words ? this.words.text(lang) : message(lang, this.words.key, this.words.vars);
  }
}

const STORAGE_MESSAGES: Record<StorageFailure, MessageKey> = {
  busy: 'storage.busy',
  storage_full: 'storage.storage_full',
  read_only: 'storage.read_only',
};

/**
 * The AppError a failure amounts to: itself, or the storage failure (disk full, read-only, busy)
 * it was caused by, in words; null for anything else (a bug, an unknown failure).
 */
export function appErrorOf(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  const kind = storageFailureOf(e);
  return kind ? AppError.worded(kind, STORAGE_MESSAGES[kind]) : null;
}

/** What the system's error code says of a file, in the catalogue; anything else keeps the system's own text. */
const FILE_REASONS: Record<string, MessageKey> = {
  ENOENT: 'error.file.notFound',
  EACCES: 'error.file.denied',
  EPERM: 'error.file.denied',
  EISDIR: 'error.file.isDirectory',
  ENOTDIR: 'error.file.notFound',
};

/** A file of the user's disk that could not be read (or written): its path and why, in the reader's language. */
export function fileError(path: string, e: unknown, writing = false): AppError {
  const code = (e as NodeJS.ErrnoException).code;
  const reasonKey = code === undefined ? undefined : FILE_REASONS[code];
  const technical = e instanceof Error ? e.message : String(e);
  return AppError.composed('unreadable_file', (lang) =>
    message(lang, writing ? 'error.file.unwritable' : 'error.file.unreadable', {
      path,
      reason: reasonKey ? message(lang, reasonKey) : technical,
    }),
  );
}
