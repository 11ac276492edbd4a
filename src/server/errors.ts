/**
 * The one error shape of the API, `{ error: { code, message, details? } }`, and the one code →
 * status map (both in src/contracts/errors.ts). `details` carries only what the contract's
 * details schema names (e.g. when a follow-up is allowed again), never anything else an error holds.
 */
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { AppError, appErrorOf, type AppErrorCode } from '../app/errors';
import { errorBody, HTTP_STATUS, type ApiErrorCode } from '../contracts/errors';
import { langOf, message, type Lang, type MessageKey } from '../contracts/messages';

export { errorBody, HTTP_STATUS };

const API_CODE: Record<AppErrorCode, ApiErrorCode> = {
  usage: 'invalid_input',
  ambiguous_workspace: 'invalid_input',
  invalid_input: 'invalid_input',
  unreadable_file: 'invalid_file',
  invalid_file: 'invalid_file',
  not_found: 'not_found',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  owner_only: 'owner_only',
  conflict: 'conflict',
  rate_limited: 'rate_limited',
  busy: 'busy',
  storage_full: 'storage_full',
  read_only: 'read_only',
};

/** Seconds a client is asked to wait before trying again when the database is busy (an import). */
export const BUSY_RETRY_AFTER_S = 10;

/** Fastify's own client errors (malformed JSON, body too large …), worded from the catalogue. */
const FRAMEWORK_ERRORS: Record<number, [ApiErrorCode, MessageKey]> = {
  400: ['invalid_input', 'error.invalid_request'],
  // @fastify/static refusing a path (traversal, NUL byte…): a refusal, not a failure of ours.
  403: ['forbidden', 'error.forbidden'],
  404: ['not_found', 'error.not_found'],
  413: ['invalid_input', 'error.too_large'],
  415: ['invalid_input', 'error.unsupported_type'],
  429: ['rate_limited', 'error.rate_limited'],
};

/**
 * The status and body the API answers an error with (the error handler's, and an import's last
 * NDJSON line), worded in `lang`.
 */
export function apiErrorOf(
  error: FastifyError | AppError | Error,
  log: FastifyBaseLogger,
  lang: Lang,
): { status: number; body: ReturnType<typeof errorBody>; retryAfter?: number } {
  const appError = appErrorOf(error);
  if (appError) {
    const code = API_CODE[appError.code];
    // Disk full, read-only: the operator needs the engine's own words too.
    if (!(error instanceof AppError)) log.error({ err: error }, appError.code);
    if (code === 'busy')
      return {
        status: HTTP_STATUS[code],
        body: errorBody(code, appError.textIn(lang), { retryAfter: BUSY_RETRY_AFTER_S }),
        retryAfter: BUSY_RETRY_AFTER_S,
      };
    return { status: HTTP_STATUS[code], body: errorBody(code, appError.textIn(lang), appError.details) };
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const known = status !== undefined ? FRAMEWORK_ERRORS[status] : undefined;
  if (known) return { status: HTTP_STATUS[known[0]], body: errorBody(known[0], message(lang, known[1])) };
  // Any other refusal of the framework or a plugin (405, 416 …) is the client's, said as such.
  if (status !== undefined && status >= 400 && status < 500)
    return { status, body: errorBody('invalid_input', message(lang, 'error.refused')) };
  // Internals stay in the server's log: the client only learns that something failed.
  log.error({ err: error }, 'internal error');
  return { status: 500, body: errorBody('internal', message(lang, 'error.internal')) };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body, retryAfter } = apiErrorOf(error, request.log, langOf(request.headers['accept-language']));
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
}
