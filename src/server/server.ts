/**
 * The web server: the JSON API of docs/api.md and the built web app, over the same use-cases as
 * the CLI. `buildServer` makes the Fastify instance (tests use `inject`); `startServer` listens.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { needsSetup } from '../app/auth';
import type { AppContext } from '../app/context';
import { DEFAULT_ENV, type Env } from '../app/env';
import { AppError } from '../app/errors';
import { isLoopbackAddress, smtpMailer, type MailContext, type MailerFactory } from '../app/mailer';
import { openSecretBox, type SecretBox } from '../app/secret-box';
import type { Database } from '../db/connection';
import { startOutboxSender, type OutboxSender, type OutboxSenderOptions } from '../jobs/outbox-sender';
import { startWeeklyAlert, type WeeklyAlertOptions } from '../jobs/weekly-alert';
import { startReplyWatcher, type ReplyWatcher, type ReplyWatcherOptions } from '../jobs/reply-watcher';
import { registerErrorHandler } from './errors';
import { allowedHostsFrom, registerHostCheck, trustProxyFrom } from './hosts';
import { accountRoutes } from './routes/accounts';
import { alertRoutes } from './routes/alert';
import { bookingRoutes } from './routes/bookings';
import { exportRoutes } from './routes/exports';
import { followUpRoutes } from './routes/follow-ups';
import { importRoutes } from './routes/imports';
import { kpiRoutes } from './routes/kpis';
import { mailRoutes, unsubscribeRoutes } from './routes/mail';
import { portfolioRoutes } from './routes/portfolio';
import { replyRoutes } from './routes/replies';
import { settingsRoutes } from './routes/settings';
import { workspaceImportRoutes } from './routes/workspace-import';
import { registerSessions } from './session';
import { notFoundHandler, registerWebApp, WEB_BUILD_DIR, webBuildState } from './web';

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
  /** The environment parsed by src/app/env (secret key, PUBLIC_URL, TRUST_PROXY, ALLOWED_HOSTS). Default: every default. */
  env?: Env;
  /** How e-mail leaves (default: SMTP with nodemailer). */
  mailerFor?: MailerFactory;
  /**
   * Starts the outbox sender with this server and stops it on close. startServer asks for it (every
   * server runs one; a lease lets one of them send: see docs/decisions/005); tests only when they
   * want background sending.
   */
  outboxSender?: OutboxSenderOptions | null;
  /** Starts the weekly alert's job with this server (startServer does; tests when they want it). */
  weeklyAlert?: WeeklyAlertOptions | null;
  /** Starts the mailbox watcher (issue 16) with this server and stops it on close; one per database reads, by lease. */
  replyWatcher?: ReplyWatcherOptions | null;
}

/** The key is read at the first use of a password, so that the server starts without it (PostgreSQL without DJBOOKER_SECRET_KEY). */
function lazySecretBox(open: () => SecretBox): SecretBox {
  let box: SecretBox | null = null;
  const get = () => (box ??= open());
  return { seal: (plain, context) => get().seal(plain, context), open: (sealed, context) => get().open(sealed, context) };
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // The calendar's secret is in a URL: never hand it on as a referrer.
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const ctx: AppContext = { database: options.database, now: options.now };
  const env = options.env ?? DEFAULT_ENV;
  const publicUrl = env.publicUrl;
  const allowedHosts = allowedHostsFrom(env);
  // The messages this server sends itself ("Envoyer" in the generator) carry its sender's owner too.
  const outboxOwner = options.outboxSender ? (options.outboxSender.owner ?? randomUUID()) : null;
  const mail: MailContext = {
    ...ctx,
    secretBox: lazySecretBox(() => openSecretBox({ secretKey: env.secretKey, dataDir: options.database.dataDir })),
    mailerFor: options.mailerFor ?? ((config) => smtpMailer(config)),
    publicUrl,
    outboxOwner,
  };
  let sender: OutboxSender | null = null;
  const kickSender = () => sender?.kick();
  let watcher: ReplyWatcher | null = null;
  const kickWatcher = () => watcher?.kick();
  // Behind a proxy trusted by TRUST_PROXY, request.ip, .protocol and .host are the client's.
  const app = Fastify({ logger: options.logger ?? false, trustProxy: trustProxyFrom(env.trustProxy) });
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
    errorResponseBuilder: () => AppError.worded('rate_limited', 'error.rate_limited'),
  });
  registerSessions(app, ctx);

  accountRoutes(app, ctx, options.setupCode ?? null);
  portfolioRoutes(app, ctx);
  kpiRoutes(app, ctx);
  bookingRoutes(app, ctx, publicUrl);
  exportRoutes(app, ctx);
  await app.register(async (scope) => importRoutes(scope, ctx));
  await app.register(async (scope) => workspaceImportRoutes(scope, ctx));
  settingsRoutes(app, ctx);
  followUpRoutes(app, mail, kickSender);
  mailRoutes(app, mail);
  alertRoutes(app, mail);
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
  if (options.weeklyAlert) {
    const alert = await startWeeklyAlert(mail, { ...options.weeklyAlert, onQueued: kickSender });
    // Registered after the sender's: onClose hooks run in order, so the alert job stops second.
    app.addHook('onClose', async () => alert.stop());
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
  /** The environment parsed by src/app/env. */
  env: Env;
  /** The tree whose dist/web is served (default: this checkout). */
  projectRoot?: string;
}

/** `djbooker serve`: listens, with the web app's build when it is current (else says how to make it). */
export async function startServer(options: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  const root = options.projectRoot ?? PROJECT_ROOT;
  const web = webBuildState(root);
  if (web === 'missing' || web === 'stale') {
    throw AppError.worded('usage', web === 'missing' ? 'error.server.webMissing' : 'error.server.webStale');
  }
  if (web === 'absent') options.log('Pas d’application web dans ce dossier : seule l’API est servie.');
  const ctx: AppContext = { database: options.database, now: options.now };
  // Beyond loopback, whoever reaches the server first must not be able to claim it.
  const setupCode = !isLoopback(options.host) && (await needsSetup(ctx)) ? newSetupCode() : null;
  const env = options.env;
  const withSender = env.outboxSender;
  const app = await buildServer({
    database: options.database,
    now: options.now,
    setupCode,
    webDir: web === 'current' ? join(root, WEB_BUILD_DIR) : null,
    logger: { level: 'warn' },
    env,
    // With `off`, the sender only keeps its presence lease: messages this server sends at once stay its own.
    outboxSender: { compete: withSender, log: (line) => options.log(`Envoi des relances : ${line}`) },
    weeklyAlert: { log: (line) => options.log(`Alerte hebdomadaire : ${line}`) },
    replyWatcher: { log: (line) => options.log(`Lecture des réponses : ${line}`) },
  });
  if (!withSender)
    options.log(
      'Envoi des relances en arrière-plan désactivé (DJBOOKER_OUTBOX_SENDER=off) : un autre serveur de cette base doit l’assurer.',
    );
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
  if (!isLoopback(options.host) && env.allowedHosts.length === 0 && !env.publicUrl) {
    options.log(
      'Depuis un autre appareil, l’application ne répond qu’aux noms listés dans ALLOWED_HOSTS : ajoutez-y le nom ou l’adresse de cette machine (par exemple ALLOWED_HOSTS=192.168.1.20).',
    );
  }
  if (setupCode) options.log(`Premier démarrage : code d’installation à saisir pour créer le compte du propriétaire : ${setupCode}`);
  else if (await needsSetup(ctx)) options.log(`Premier démarrage : ouvrez ${url} pour créer le compte du propriétaire.`);
  return { app, url };
}
