/** The one error type of the application: a code the CLI and the HTTP server map in one place each. */
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
  | 'rate_limited';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
