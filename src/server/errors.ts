/**
 * The one error shape of the API, `{ error: { code, message, details? } }`, and the one code →
 * status map. `details` carries only the fields named in PUBLIC_DETAILS (e.g. when a follow-up is
 * allowed again), never anything else an error holds.
 */
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { AppError, appErrorOf, type AppErrorCode } from '../app/errors';

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

/** Fastify's own client errors (malformed JSON, body too large …), said in French. */
const FRAMEWORK_ERRORS: Record<number, [ApiErrorCode, string]> = {
  400: ['invalid_input', 'Requête invalide (corps JSON illisible ?).'],
  // @fastify/static refusing a path (traversal, NUL byte…): a refusal, not a failure of ours.
  403: ['forbidden', 'Accès refusé.'],
  404: ['not_found', 'Ressource introuvable.'],
  413: ['invalid_input', 'Requête trop volumineuse.'],
  415: ['invalid_input', 'Type de contenu non pris en charge.'],
  429: ['rate_limited', 'Trop de requêtes : réessayez dans un moment.'],
};

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

/** The status and body the API answers an error with (the error handler's, and an import's last NDJSON line). */
export function apiErrorOf(error: FastifyError | AppError | Error, log: FastifyBaseLogger): { status: number; body: ReturnType<typeof errorBody>; retryAfter?: number } {
  const appError = appErrorOf(error);
  if (appError) {
    const code = API_CODE[appError.code];
    // Disk full, read-only: the operator needs the engine's own words too.
    if (!(error instanceof AppError)) log.error({ err: error }, appError.code);
    if (code === 'busy') return { status: HTTP_STATUS[code], body: errorBody(code, appError.message, { retryAfter: BUSY_RETRY_AFTER_S }), retryAfter: BUSY_RETRY_AFTER_S };
    return { status: HTTP_STATUS[code], body: errorBody(code, appError.message, publicDetails(appError.details)) };
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const known = status !== undefined ? FRAMEWORK_ERRORS[status] : undefined;
  if (known) return { status: HTTP_STATUS[known[0]], body: errorBody(known[0], known[1]) };
  // Any other refusal of the framework or a plugin (405, 416 …) is the client's, said as such.
  if (status !== undefined && status >= 400 && status < 500) return { status, body: errorBody('invalid_input', 'Requête refusée.') };
  // Internals stay in the server's log: the client only learns that something failed.
  log.error({ err: error }, 'internal error');
  return { status: 500, body: errorBody('internal', 'Erreur interne du serveur. Réessayez ; si cela persiste, consultez le journal du serveur.') };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body, retryAfter } = apiErrorOf(error, request.log);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
}
