/**
 * The mailer: a small type the use-cases send through, and its SMTP provider (nodemailer's
 * SMTPConnection, one connection per message). It tells a failure that may be retried from one
 * that may not, and both from the one where the server may already have the message.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PassThrough } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { AppContext } from './context';
import type { SecretBox } from './secret-box';
import { sendErrorKind, smtpFailureKind, type SendErrorKind } from '../domain/follow-ups/send-errors';

export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS, required except on the loopback interface. */
  secure: boolean;
  username: string | null;
  password: string | null;
}

export interface Address {
  name: string | null;
  address: string;
}

export interface OutgoingMail {
  from: Address;
  to: Address;
  subject: string;
  text: string;
  /** `<…@…>`, the same on every attempt of one message. */
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

/**
 * `retry`: nothing was delivered (server down, timeout before the message, 4xx): try again later.
 * `permanent`: the server refused (5xx: recipient, sender, message, credentials refused on send).
 * `uncertain`: the connection died after the message was handed over, before the server answered.
 */
export type MailFailureKind = 'retry' | 'permanent' | 'uncertain';

export class MailSendError extends Error {
  constructor(
    readonly kind: MailFailureKind,
    message: string,
    readonly code: string | null,
    readonly responseCode: number | null,
    /** The cause in words a DJ understands (from the library's error when there was one). */
    readonly sendKind: SendErrorKind = sendErrorKind(message) ?? 'other',
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export interface Mailer {
  /** Resolves with the server's answer; rejects with a MailSendError. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
}

export type MailerFactory = (config: SmtpConfig) => Mailer;

/** A name to the one address that will be connected to (tests resolve their own names). */
export type HostResolver = (host: string) => Promise<string>;

export const systemResolver: HostResolver = async (host) => (await lookup(host)).address;

/**
 * The mail submission ports. Anywhere but this machine the server connects to nothing else, so
 * that the mail settings and "Envoyer un test" cannot probe other services (issue 9).
 */
export const MAIL_PORTS: readonly number[] = [25, 465, 587, 2525];

export interface ResolvedHost {
  address: string;
  /** In 127.0.0.0/8 or ::1: the only place where TLS and the port rule are waived. */
  loopback: boolean;
}

/** An address in 127.0.0.0/8 or ::1 (IPv4-mapped, or IPv6 in brackets, too); a name is none. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return isIP(a) === 6 && /^(0{0,4}:){2,7}0{0,3}1$/.test(a) ? true : isIP(v4) === 4 && v4.startsWith('127.');
}

/** The settings' host (`[::1]` written with brackets too) resolved once; an address is taken as is. */
export async function resolveSmtpHost(host: string, resolve: HostResolver): Promise<ResolvedHost> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const address = isIP(bare) ? bare : await resolve(bare);
  return { address, loopback: isLoopbackAddress(address) };
}

/** Why this port may not be used for that host, or null. */
export function mailPortProblem(port: number, resolved: { loopback: boolean }): string | null {
  if (resolved.loopback || MAIL_PORTS.includes(port)) return null;
  return `port ${port} non autorisé : hors de cette machine, seuls les ports d’envoi ${MAIL_PORTS.join(', ')} sont acceptés.`;
}

/**
 * How nodemailer connects: to the resolved address (no second lookup that a DNS answer could
 * change), checking the certificate against the name that was typed.
 */
export function smtpConnectionOptions(config: SmtpConfig, resolved: ResolvedHost) {
  const bare = config.host.replace(/^\[(.*)\]$/, '$1');
  return {
    host: resolved.address,
    port: config.port,
    secure: config.secure,
    ...(isIP(bare) ? {} : { servername: bare }),
    // A password never crosses the network in clear: STARTTLS is required, except on this machine.
    requireTLS: !config.secure && !resolved.loopback,
    ignoreTLS: !config.secure && resolved.loopback,
  };
}

/** What sending use-cases need beyond the database and the clock. */
export interface MailContext extends AppContext {
  secretBox: SecretBox;
  mailerFor: MailerFactory;
  /** How the mail settings' host is resolved when they are saved (default: the system's). */
  resolveHost?: HostResolver;
  /** PUBLIC_URL: where the app is reachable from the Internet (unsubscribe links), or null. */
  publicUrl: string | null;
  /**
   * This process's outbox lease owner (app/leases.ts), recorded on each message it sends, so that
   * another process never takes a live sender's message for an interrupted one. None: no lease.
   */
  outboxOwner?: string | null;
}

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

/** The message as RFC 5322 text: UTF-8, encoded words for headers (RFC 2047), quoted-printable body. */
export async function composeMessage(mail: OutgoingMail, extraHeaders: Record<string, string> = {}): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    headers: { ...mail.headers, ...extraHeaders },
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}

interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** One clear French sentence per failure; never the credentials (nodemailer does not echo them). */
export function classifySmtpError(e: unknown, handedOver: boolean, config: SmtpConfig, recipient: string): MailSendError {
  const err = (e ?? {}) as SmtpErrorLike;
  const code = err.code ?? null;
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : null;
  const answer = (err.response ?? '').trim();
  const where = `${config.host}:${config.port}`;
  const cause = smtpFailureKind({ code, responseCode, command: err.command ?? null, message: err.message ?? String(e), handedOver });
  const failure = (kind: MailFailureKind, text: string) => new MailSendError(kind, text, code, responseCode, cause);
  if (responseCode !== null && responseCode >= 500) {
    if (code === 'EAUTH')
      return failure(
        'retry',
        `Identifiant ou mot de passe refusé par le serveur d’envoi ${where} (${answer}). Vérifiez les réglages d’envoi.`,
      );
    if (err.command === 'RCPT TO') return failure('permanent', `Adresse refusée par le serveur d’envoi : ${recipient} (${answer}).`);
    if (err.command === 'MAIL FROM')
      return failure(
        'permanent',
        `Adresse d’expéditeur refusée par le serveur d’envoi (${answer}). Vérifiez l’adresse d’envoi dans les réglages.`,
      );
    return failure('permanent', `Message refusé par le serveur d’envoi pour ${recipient} (${answer}).`);
  }
  if (responseCode !== null && responseCode >= 400) {
    return failure('retry', `Le serveur d’envoi demande de réessayer plus tard (${answer}).`);
  }
  if (handedOver) {
    return failure(
      'uncertain',
      `La connexion avec ${where} a été perdue après la remise du message à ${recipient}, avant sa réponse : il l’a peut-être accepté.`,
    );
  }
  if (code === 'ETIMEDOUT') return failure('retry', `Le serveur d’envoi ${where} ne répond pas (délai dépassé).`);
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'EDNS') {
    return failure('retry', `Serveur d’envoi ${where} injoignable : ${err.message ?? code}.`);
  }
  if (code === 'EAUTH')
    return failure('retry', `Connexion au serveur d’envoi ${where} refusée : ${err.message ?? code}. Vérifiez les réglages d’envoi.`);
  if (code === 'EENVELOPE') return failure('permanent', `Adresse invalide : ${recipient} (${err.message ?? ''}).`);
  return failure('retry', `Échec de l’envoi par ${where} : ${err.message ?? String(e)}.`);
}

export function smtpMailer(
  config: SmtpConfig,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
  resolveHost: HostResolver = systemResolver,
): Mailer {
  return {
    async send(mail) {
      const raw = await composeMessage(mail);
      const where = `${config.host}:${config.port}`;
      let resolved: ResolvedHost;
      try {
        resolved = await resolveSmtpHost(config.host, resolveHost);
      } catch (e) {
        throw new MailSendError(
          'retry',
          `Serveur d’envoi ${where} introuvable : ${e instanceof Error ? e.message : String(e)}.`,
          'EDNS',
          null,
          'host_not_found',
        );
      }
      // Checked when the settings were saved, and again here: the name may resolve elsewhere now.
      const portProblem = mailPortProblem(config.port, resolved);
      if (portProblem)
        throw new MailSendError('retry', `Envoi refusé vers ${where} : ${portProblem} Corrigez les réglages d’envoi.`, 'EPORT', null);
      return new Promise((resolve, reject) => {
        const connection = new SMTPConnection({
          ...smtpConnectionOptions(config, resolved),
          connectionTimeout: timeouts.connectionMs,
          greetingTimeout: timeouts.greetingMs,
          socketTimeout: timeouts.socketMs,
        });
        let handedOver = false;
        let settled = false;
        const fail = (e: unknown) => {
          if (settled) return;
          settled = true;
          connection.close();
          reject(classifySmtpError(e, handedOver, config, mail.to.address));
        };
        connection.on('error', fail);
        connection.connect((connectError) => {
          if (connectError) return fail(connectError);
          const deliver = () => {
            const stream = new PassThrough();
            // Read to its end by the DATA stream: from here the server may have the whole message.
            stream.on('end', () => {
              handedOver = true;
            });
            connection.send({ from: mail.from.address, to: [mail.to.address] }, stream, (sendError, info) => {
              if (sendError) return fail(sendError);
              if (settled) return;
              settled = true;
              resolve({ response: String(info.response ?? '') });
              connection.quit();
            });
            stream.end(raw);
          };
          if (config.username) {
            connection.login({ user: config.username, pass: config.password ?? '' }, (loginError) =>
              loginError ? fail(loginError) : deliver(),
            );
          } else {
            deliver();
          }
        });
      });
    },
  };
}
