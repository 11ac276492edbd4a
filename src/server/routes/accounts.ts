import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, needsSetup, setupOwner, signIn, signOut } from '../../app/auth';
import type { AppContext } from '../../app/context';
import { AppError } from '../../app/errors';
import { parseInput } from '../input';
import { SESSION_COOKIE, clearSessionCookie, sessionOf, setSessionCookie, signedInJson } from '../session';

const setupBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().trim().max(320),
  // Bounded above too: argon2 hashes whatever it is given.
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
  code: z.string().trim().max(100).optional(),
});

const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** A coarse per-address limit on the unauthenticated routes, on top of the per-account one of sign-in. */
const PUBLIC_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };

function sameCode(given: string | undefined, expected: string): boolean {
  const a = Buffer.from((given ?? '').replace(/[\s-]/g, '').toUpperCase());
  const b = Buffer.from(expected.replace(/[\s-]/g, '').toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

export function accountRoutes(app: FastifyInstance, ctx: AppContext, setupCode: string | null): void {
  app.get('/api/setup', { config: { public: true } }, async () => {
    const needed = await needsSetup(ctx);
    return { needsSetup: needed, needsCode: needed && setupCode !== null };
  });

  app.post('/api/setup', { config: { public: true, rateLimit: PUBLIC_RATE_LIMIT } }, async (request, reply) => {
    const body = parseInput(setupBody, request.body);
    if (!(await needsSetup(ctx))) throw new AppError('conflict', 'L’application est déjà configurée : connectez-vous.');
    if (setupCode !== null && !sameCode(body.code, setupCode)) {
      throw AppError.worded('forbidden', 'error.setup_code');
    }
    const signedIn = await setupOwner(ctx, body);
    setSessionCookie(request, reply, signedIn);
    return reply.status(201).send(signedInJson(signedIn));
  });

  app.post('/api/auth/login', { config: { public: true, rateLimit: PUBLIC_RATE_LIMIT } }, async (request, reply) => {
    const body = parseInput(loginBody, request.body);
    const signedIn = await signIn(ctx, { ...body, address: request.ip });
    setSessionCookie(request, reply, signedIn);
    return signedInJson(signedIn);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    sessionOf(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(ctx, token);
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });

  app.get('/api/me', async (request) => {
    const { user, workspace, csrfToken } = sessionOf(request);
    return { user, workspace: { id: workspace.id, name: workspace.name }, csrfToken };
  });
}
