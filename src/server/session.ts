/**
 * Who is asking: every route requires a session unless its config says `public: true`, every
 * state-changing request carries the session's CSRF token in `x-csrf-token`, and the routes of
 * OWNER_ONLY_ROUTES are the workspace owner's.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type SignedIn } from '../app/auth';
import type { AppContext } from '../app/context';
import { AppError } from '../app/errors';
import type { SessionAuth } from '../db/sessions';

export const SESSION_COOKIE = 'djb_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (setup, sign-in, the calendar feed, the web app's files). */
    public?: boolean;
  }
  interface FastifyRequest {
    auth: SessionAuth | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What only the owner may do, as `METHOD /route`: set the workspace up (mail settings, templates,
 * thresholds and reference date). Reading them stays open: a member's follow-up generator needs to
 * know whether sending is set up. Kept in one list so that one test sweeps it against every route.
 */
export const OWNER_ONLY_ROUTES: readonly string[] = [
  'PUT /api/settings',
  'PUT /api/mail-settings',
  'DELETE /api/mail-settings',
  'POST /api/mail-settings/test',
  'PUT /api/templates/:key',
  'DELETE /api/templates/:key',
  'PUT /api/alert/settings',
  'POST /api/workspace/import',
  'PUT /api/imap-settings',
  'DELETE /api/imap-settings',
  'POST /api/imap-settings/test',
];
const OWNER_ONLY = new Set(OWNER_ONLY_ROUTES);

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerSessions(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    // An unknown path answers 404 (or the web app's index.html) whoever asks.
    if (request.is404 || request.routeOptions.config.public === true) return;
    const token = request.cookies[SESSION_COOKIE];
    const auth = token ? await authenticate(ctx, token) : undefined;
    if (!auth) throw AppError.worded('unauthorized', 'error.session');
    if (STATE_CHANGING.has(request.method) && !sameToken(request.headers[CSRF_HEADER], auth.csrfToken)) {
      throw AppError.worded('forbidden', 'error.csrf');
    }
    if (auth.user.role !== 'owner' && OWNER_ONLY.has(`${request.method} ${request.routeOptions.url}`)) {
      throw AppError.worded('owner_only', 'error.owner_only');
    }
    request.auth = auth;
  });
}

/** The session of a request that passed the hook. */
export function sessionOf(request: FastifyRequest): SessionAuth {
  if (!request.auth) throw AppError.worded('unauthorized', 'error.session');
  return request.auth;
}

// `request.protocol` is https when the connection is, or when a trusted proxy (TRUST_PROXY) says so.
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, signedIn.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: signedIn.expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' });
}

export function signedInJson(s: SignedIn) {
  return { user: s.user, workspace: s.workspace, csrfToken: s.csrfToken };
}
