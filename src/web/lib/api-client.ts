/**
 * The one way the web app talks to the server (docs/api.md): JSON, the session cookie, the CSRF
 * header on every state-changing request, and the one error shape turned into an ApiError.
 */
// First: zod's jitless setting must precede every schema, and this module's chunk runs before main.tsx's body.
import './zod-config';
import type { z } from 'zod';
import { errorBodySchema, type ErrorDetailsJson } from '../../contracts/errors';
import { noContentSchema } from '../../contracts/common';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** What the UI needs to explain a refusal (`reason`, `allowedFrom`, a template's `problems`). */
    readonly details: ErrorDetailsJson = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let requestLanguage = 'fr';

/** The interface's language, sent as `Accept-Language`: the server words its error messages in it. */
export function setRequestLanguage(lang: 'fr' | 'en'): void {
  requestLanguage = lang;
}
const sessionLostListeners = new Set<() => void>();

/** Remembered from /api/me, login and setup: the server checks it on POST/PUT/PATCH/DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Called when the server answers 401 to a signed-in request (session expired or revoked). */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** Reads an error answer; anything not in the contract's shape becomes a generic message. */
export function toApiError(status: number, text: string): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through to the generic error.
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(parsed.data.error.code, parsed.data.error.message, status, parsed.data.error.details);
  return new ApiError(status === 0 ? 'network' : 'internal', '', status);
}

export function reportSessionLost(): void {
  for (const l of sessionLostListeners) l();
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  json?: unknown;
  /** Raw bytes (file uploads), sent as application/octet-stream. */
  body?: Blob;
  /** Auth routes answer 401 for wrong credentials: that is not a lost session. */
  authRoute?: boolean;
  /** Aborts the request (a query whose page closed). */
  signal?: AbortSignal;
}

let sessionRequests = new AbortController();

/** At sign-out: every request still in flight is aborted, and none of them can answer 401 later. */
export function abortSessionRequests(): void {
  sessionRequests.abort();
  sessionRequests = new AbortController();
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': requestLanguage };
  if (method !== 'GET') Object.assign(headers, csrfHeaders());
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body) {
    headers['content-type'] = 'application/octet-stream';
    body = options.body;
  }
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, sessionRequests.signal]) : sessionRequests.signal;
    return await fetch(path, { method, headers, body, credentials: 'same-origin', signal });
  } catch {
    throw new ApiError('network', '', 0);
  }
}

async function failure(response: Response, options: RequestOptions): Promise<ApiError> {
  if (response.status === 401 && !options.authRoute) reportSessionLost();
  return toApiError(response.status, await response.text());
}

export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response, options);
  const text = await response.text();
  return schema.parse(text === '' ? null : JSON.parse(text));
}

/** A file answer (an .eml): its bytes and headers, errors in the one shape like every other call. */
export async function requestFile(method: Method, path: string, options: RequestOptions = {}): Promise<{ blob: Blob; headers: Headers }> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response, options);
  return { blob: await response.blob(), headers: response.headers };
}

/** For 204 answers. */
export const noContent = noContentSchema;

/** Builds `path?a=1&b=2`, leaving out undefined and empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
