/**
 * The one error shape of the API, `{ error: { code, message, details? } }`, and the one code →
 * status map. `details` carries only the fields named in PUBLIC_DETAILS (e.g. when a follow-up is
 * allowed again), never anything else an error holds.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, appErrorOf, type AppErrorCode } from '../app/errors';
import { langOf, message, type Lang, type MessageKey } from '../contracts/messages';

export type ApiErrorCode =
  | 'invalid_input' | 'unauthorized' | 'forbidden' | 'owner_only' | 'not_found' | 'conflict' | 'invalid_file' | 'rate_limited' | 'host_not_allowed' | 'internal'
  | 'busy' | 'storage_full' | 'read_only';

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

export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  owner_only: 403,
  not_found: 404,
  conflict: 409,
  invalid_file: 422,
  rate_limited: 429,
  // 421 Misdirected Request: this server does not answer for that name (DNS rebinding).
  host_not_allowed: 421,
  internal: 500,
  busy: 503,
  storage_full: 507,
  read_only: 503,
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
 * An error's message in the request's language (`Accept-Language`, French unless English comes
 * first): from the catalogue when the error is worded there, its French text otherwise.
 */
function messageOf(error: AppError, lang: Lang): string {
  return error.words ? message(lang, error.words.key, error.words.vars) : error.message;
}

/**
 * What an AppError's details may tell the client, and nothing else: why a follow-up is refused and
 * from when it is allowed (`reason`, `lastContact`, `allowedFrom`), a template's `problems`.
 */
const PUBLIC_DETAILS = ['reason', 'lastContact', 'allowedFrom', 'problems', 'retryAfter'] as const;

function publicDetails(details: unknown): Record<string, unknown> | undefined {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of PUBLIC_DETAILS) {
    const value = (details as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function errorBody(code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const lang = langOf(request.headers['accept-language']);
    const appError = appErrorOf(error);
    if (appError) {
      const code = API_CODE[appError.code];
      // Disk full, read-only: the operator needs the engine's own words too.
      if (!(error instanceof AppError)) request.log.error({ err: error }, appError.code);
      if (code === 'busy') {
        reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
        return reply.status(HTTP_STATUS[code]).send(errorBody(code, messageOf(appError, lang), { retryAfter: BUSY_RETRY_AFTER_S }));
      }
      return reply.status(HTTP_STATUS[code]).send(errorBody(code, messageOf(appError, lang), publicDetails(appError.details)));
    }
    const status = 'statusCode' in error ? error.statusCode : undefined;
    const known = status !== undefined ? FRAMEWORK_ERRORS[status] : undefined;
    if (known) return reply.status(HTTP_STATUS[known[0]]).send(errorBody(known[0], message(lang, known[1])));
    // Any other refusal of the framework or a plugin (405, 416 …) is the client's, said as such.
    if (status !== undefined && status >= 400 && status < 500) return reply.status(status).send(errorBody('invalid_input', message(lang, 'error.refused')));
    // Internals stay in the server's log: the client only learns that something failed.
    request.log.error({ err: error }, 'internal error');
    return reply.status(500).send(errorBody('internal', message(lang, 'error.internal')));
  });
}
