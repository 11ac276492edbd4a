import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { needsSetup, setupOwner, signIn, signOut } from '../../app/auth';
import type { AppContext } from '../../app/context';
import { AppError } from '../../app/errors';
import { loginInputSchema, setupInputSchema } from '../../contracts/auth';
import { parseInput } from '../input';
import { SESSION_COOKIE, clearSessionCookie, sessionOf, setSessionCookie, signedInJson } from '../session';

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
    const body = parseInput(setupInputSchema, request.body);
    if (!(await needsSetup(ctx))) throw AppError.worded('conflict', 'error.alreadySetUp');
    if (setupCode !== null && !sameCode(body.code, setupCode)) {
      throw AppError.worded('forbidden', 'error.setup_code');
    }
    const signedIn = await setupOwner(ctx, body);
    setSessionCookie(request, reply, signedIn);
    return reply.status(201).send(signedInJson(signedIn));
  });

  app.post('/api/auth/login', { config: { public: true, rateLimit: PUBLIC_RATE_LIMIT } }, async (request, reply) => {
    const body = parseInput(loginInputSchema, request.body);
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
