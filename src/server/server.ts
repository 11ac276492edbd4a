/**
 * The web server: the JSON API of docs/api.md and the built web app, over the same use-cases as
 * the CLI. `buildServer` makes the Fastify instance (tests use `inject`); `startServer` listens.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { needsSetup } from '../app/auth';
import type { AppContext } from '../app/context';
import { AppError } from '../app/errors';
import { isLoopbackAddress, smtpMailer, type MailContext, type MailerFactory } from '../app/mailer';
import { openSecretBox, type SecretBox } from '../app/secret-box';
import type { Database } from '../db/connection';
import { startOutboxSender, type OutboxSender, type OutboxSenderOptions } from '../jobs/outbox-sender';
import { startReplyWatcher, type ReplyWatcher, type ReplyWatcherOptions } from '../jobs/reply-watcher';
import { registerErrorHandler } from './errors';
import { allowedHostsFrom, registerHostCheck, trustProxyFrom } from './hosts';
import { accountRoutes } from './routes/accounts';
import { bookingRoutes } from './routes/bookings';
import { exportRoutes } from './routes/exports';
import { followUpRoutes } from './routes/follow-ups';
import { importRoutes } from './routes/imports';
import { kpiRoutes } from './routes/kpis';
import { mailRoutes, unsubscribeRoutes } from './routes/mail';
import { portfolioRoutes } from './routes/portfolio';
import { replyRoutes } from './routes/replies';
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
  /** Fastify's logger (pino): off in tests; a test may hand it a stream to read the lines. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Told of every route as it is registered (the tests sweep them all). */
  onRoute?: (route: RouteOptions) => void;
  /** What the server reads of the environment: DJBOOKER_SECRET_KEY, PUBLIC_URL, TRUST_PROXY, ALLOWED_HOSTS. Default: nothing. */
  env?: Record<string, string | undefined>;
  /** How e-mail leaves (default: SMTP with nodemailer). */
  mailerFor?: MailerFactory;
  /**
   * Starts the outbox sender with this server and stops it on close. startServer asks for it (every
   * server runs one; a lease lets one of them send: see docs/decisions/005); tests only when they
   * want background sending.
   */
  outboxSender?: OutboxSenderOptions | null;
  /** Starts the mailbox watcher (issue 16) with this server and stops it on close; one per database reads, by lease. */
  replyWatcher?: ReplyWatcherOptions | null;
}

/** The key is read at the first use of a password, so that the server starts without it (PostgreSQL without DJBOOKER_SECRET_KEY). */
function lazySecretBox(open: () => SecretBox): SecretBox {
  let box: SecretBox | null = null;
  const get = () => (box ??= open());
  return { seal: (plain, context) => get().seal(plain, context), open: (sealed, context) => get().open(sealed, context) };
}

/** PUBLIC_URL: where the app is reachable from the Internet (the https unsubscribe link), or null. */
export function publicUrlFrom(env: Record<string, string | undefined>): string | null {
  const value = env.PUBLIC_URL?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('usage', `PUBLIC_URL invalide : ${value} (attendu par exemple https://crm.mon-domaine.fr).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('usage', `PUBLIC_URL doit commencer par https:// (reçu : ${value}).`);
  return url.toString().replace(/\/+$/, '');
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
  const env = options.env ?? {};
  const publicUrl = publicUrlFrom(env);
  const allowedHosts = allowedHostsFrom(env, publicUrl);
  // The messages this server sends itself ("Envoyer" in the generator) carry its sender's owner too.
  const outboxOwner = options.outboxSender ? (options.outboxSender.owner ?? randomUUID()) : null;
  const mail: MailContext = {
    ...ctx,
    secretBox: lazySecretBox(() => openSecretBox({ env, dataDir: options.database.dataDir })),
    mailerFor: options.mailerFor ?? ((config) => smtpMailer(config)),
    publicUrl,
    outboxOwner,
  };
  let sender: OutboxSender | null = null;
  const kickSender = () => sender?.kick();
  let watcher: ReplyWatcher | null = null;
  const kickWatcher = () => watcher?.kick();
  // Behind a proxy trusted by TRUST_PROXY, request.ip, .protocol and .host are the client's.
  const app = Fastify({ logger: options.logger ?? false, trustProxy: trustProxyFrom(env) });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  registerErrorHandler(app);
  // First of all hooks: a request for another name is answered by nothing else.
  registerHostCheck(app, allowedHosts);
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
  kpiRoutes(app, ctx);
  bookingRoutes(app, ctx, publicUrl);
  exportRoutes(app, ctx);
  await app.register(async (scope) => importRoutes(scope, ctx));
  settingsRoutes(app, ctx);
  followUpRoutes(app, mail, kickSender);
  mailRoutes(app, mail);
  replyRoutes(app, mail, kickWatcher);
  await app.register(async (scope) => unsubscribeRoutes(scope, mail));
  if (options.webDir) await registerWebApp(app, options.webDir);
  if (options.replyWatcher) {
    const started = await startReplyWatcher(mail, options.replyWatcher);
    watcher = started;
    app.addHook('onClose', async () => started.stop());
  }
  if (options.outboxSender) {
    // Last: nothing after it may fail and leave a sender running without its server.
    const started = await startOutboxSender(mail, { ...options.outboxSender, owner: outboxOwner ?? undefined });
    sender = started;
    app.addHook('onClose', async () => started.stop());
  }
  return app;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export function isLoopback(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
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
  /** Default: process.env (DJBOOKER_SECRET_KEY, PUBLIC_URL, DJBOOKER_OUTBOX_SENDER). */
  env?: Record<string, string | undefined>;
}

/**
 * DJBOOKER_OUTBOX_SENDER=off: this server never sends in the background. Not needed for safety:
 * every server runs a sender and a lease lets only one of them send (docs/decisions/005); `off`
 * only keeps a given server out of the sending.
 */
export function outboxSenderEnabled(env: Record<string, string | undefined>): boolean {
  const value = env.DJBOOKER_OUTBOX_SENDER?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new AppError('usage', `DJBOOKER_OUTBOX_SENDER vaut « on » ou « off » (reçu : ${env.DJBOOKER_OUTBOX_SENDER}).`);
}

/** `djbooker serve`: builds the web app if needed, then listens. */
export async function startServer(options: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  const web = ensureWebBuild(PROJECT_ROOT, options.log);
  const webDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));
  if (web === 'absent') options.log('Pas d’application web dans ce dossier : seule l’API est servie.');
  const ctx: AppContext = { database: options.database, now: options.now };
  // Beyond loopback, whoever reaches the server first must not be able to claim it.
  const setupCode = !isLoopback(options.host) && (await needsSetup(ctx)) ? newSetupCode() : null;
  const env = options.env ?? process.env;
  const withSender = outboxSenderEnabled(env);
  const app = await buildServer({
    database: options.database,
    now: options.now,
    setupCode,
    webDir: web !== 'absent' && existsSync(`${webDir}index.html`) ? webDir : null,
    logger: { level: 'warn' },
    env,
    // With `off`, the sender only keeps its presence lease: messages this server sends at once stay its own.
    outboxSender: { compete: withSender, log: (line) => options.log(`Envoi des relances : ${line}`) },
    replyWatcher: { log: (line) => options.log(`Lecture des réponses : ${line}`) },
  });
  if (!withSender) options.log('Envoi des relances en arrière-plan désactivé (DJBOOKER_OUTBOX_SENDER=off) : un autre serveur de cette base doit l’assurer.');
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (e) {
    // Port taken …: the outbox sender stops with the server, before the database closes.
    await app.close();
    throw e;
  }
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${isLoopback(options.host) ? 'localhost' : shownHost}:${options.port}`;
  options.log(`DJ Booker Pro écoute sur ${url}`);
  if (!isLoopback(options.host) && !env.ALLOWED_HOSTS?.trim() && !env.PUBLIC_URL?.trim()) {
    options.log('Depuis un autre appareil, l’application ne répond qu’aux noms listés dans ALLOWED_HOSTS : ajoutez-y le nom ou l’adresse de cette machine (par exemple ALLOWED_HOSTS=192.168.1.20).');
  }
  if (setupCode) options.log(`Premier démarrage : code d’installation à saisir pour créer le compte du propriétaire : ${setupCode}`);
  else if (await needsSetup(ctx)) options.log(`Premier démarrage : ouvrez ${url} pour créer le compte du propriétaire.`);
  return { app, url };
}
