/**
 * The web server: the JSON API of docs/api.md and the built web app, over the same use-cases as
 * the CLI. `buildServer` makes the Fastify instance (tests use `inject`); `startServer` listens.
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { needsSetup } from '../app/auth';
import type { AppContext } from '../app/context';
import { AppError } from '../app/errors';
import type { Database } from '../db/connection';
import { registerErrorHandler } from './errors';
import { accountRoutes } from './routes/accounts';
import { bookingRoutes } from './routes/bookings';
import { importRoutes } from './routes/imports';
import { portfolioRoutes } from './routes/portfolio';
import { settingsRoutes } from './routes/settings';
import { registerSessions } from './session';
import { ensureWebBuild, notFoundHandler, registerWebApp } from './web';

export interface ServerOptions {
  database: Database;
  now: () => Date;
  /** When set, creating the first account requires this code (the server listens beyond loopback). */
  setupCode?: string | null;
  /** Directory of the built web app; without it only the API is served. */
  webDir?: string | null;
  /** Fastify's logger (pino): off in tests. */
  logger?: boolean | { level: string };
  /** Told of every route as it is registered (the tests sweep them all). */
  onRoute?: (route: RouteOptions) => void;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // The calendar's secret is in a URL: never hand it on as a referrer.
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const ctx: AppContext = { database: options.database, now: options.now };
  const app = Fastify({ logger: options.logger ?? false });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  registerErrorHandler(app);
  app.setNotFoundHandler(notFoundHandler(options.webDir ?? null));
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited', 'Trop de requêtes : réessayez dans un moment.'),
  });
  registerSessions(app, ctx);

  accountRoutes(app, ctx, options.setupCode ?? null);
  portfolioRoutes(app, ctx);
  bookingRoutes(app, ctx);
  await app.register(async (scope) => importRoutes(scope, ctx));
  settingsRoutes(app, ctx);
  if (options.webDir) await registerWebApp(app, options.webDir);
  return app;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Readable over the phone: no 0/O, 1/I. */
function newSetupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export interface StartOptions {
  database: Database;
  now: () => Date;
  host: string;
  port: number;
  log: (line: string) => void;
}

/** `djbooker serve`: builds the web app if needed, then listens. */
export async function startServer(options: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  const web = ensureWebBuild(PROJECT_ROOT, options.log);
  const webDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));
  if (web === 'absent') options.log('Pas d’application web dans ce dossier : seule l’API est servie.');
  const ctx: AppContext = { database: options.database, now: options.now };
  // Beyond loopback, whoever reaches the server first must not be able to claim it.
  const setupCode = !isLoopback(options.host) && (await needsSetup(ctx)) ? newSetupCode() : null;
  const app = await buildServer({
    database: options.database,
    now: options.now,
    setupCode,
    webDir: web !== 'absent' && existsSync(`${webDir}index.html`) ? webDir : null,
    logger: { level: 'warn' },
  });
  await app.listen({ host: options.host, port: options.port });
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${isLoopback(options.host) ? 'localhost' : shownHost}:${options.port}`;
  options.log(`DJ Booker Pro écoute sur ${url}`);
  if (setupCode) options.log(`Premier démarrage : code d’installation à saisir pour créer le compte du propriétaire : ${setupCode}`);
  else if (await needsSetup(ctx)) options.log(`Premier démarrage : ouvrez ${url} pour créer le compte du propriétaire.`);
  return { app, url };
}
