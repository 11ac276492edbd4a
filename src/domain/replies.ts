/**
 * Which follow-up a message of the DJ's mailbox answers, if any, and why (issue 16). Pure: the
 * message's headers and first lines, and the follow-ups that could be concerned, come in.
 *
 * - a reply naming a follow-up's Message-ID in In-Reply-To or References: certain;
 * - else a message from the client's address within 60 days after a follow-up to that client:
 *   probable (the user can undo it);
 * - an auto-reply (Auto-Submitted, X-Autoreply, "Réponse automatique", out of office) changes
 *   nothing; a bounce (a delivery report, mailer-daemon) marks the client's address as failing.
 */
import { addDays, type IsoDate } from './dates';
import { excerpt } from './excerpt';
import { TLS_FAILURE } from './follow-ups/send-errors';

/** A message from the client's address this many days after a follow-up is taken as its answer. */
export const PROBABLE_REPLY_DAYS = 60;
/** How much of a message's text is kept for the client's timeline. */
export const REPLY_EXCERPT_CHARS = 300;

export interface IncomingMessage {
  messageId: string | null;
  /** The Message-IDs named by In-Reply-To and References, `<…>` included. */
  inReplyTo: readonly string[];
  references: readonly string[];
  /** The sender's address, lower-case; null when absent or unreadable. */
  from: string | null;
  /** The day it was received. */
  date: IsoDate;
  subject: string;
  /** Header values by lower-case name, the few that tell automatic messages. */
  headers: Readonly<Record<string, string>>;
  /** `type/subtype` with its parameters, lower-case. */
  contentType: string;
  /** The start of its text (the first kilobytes): a bounce quotes the message it returns there. */
  text: string;
}

export interface CandidateFollowUp {
  id: number;
  clientId: number;
  /** The client's address, lower-case; null when the client has none. */
  clientEmail: string | null;
  date: IsoDate;
  /** The Message-ID it was sent with (e-mails sent by the app); null for the other channels. */
  messageId: string | null;
  /** Only a follow-up that went out can be answered by address. */
  wentOut: boolean;
}

export type ReplyKind = 'reply' | 'auto_reply' | 'bounce';
export type ReplyCertainty = 'certain' | 'probable';

export type ReplyReason =
  | 'in_reply_to'
  | 'references'
  | 'sender_within_window'
  | 'bounce_names_message'
  | 'bounce_names_address'
  | 'auto_reply_names_message'
  | 'auto_reply_from_client';

export type ReplyMatch =
  | { kind: ReplyKind; followUpId: number; clientId: number; certainty: ReplyCertainty; reason: ReplyReason; failingAddress: string | null }
  | { kind: 'unrelated'; automatic: 'auto_reply' | 'bounce' | null };

const AUTO_SUBJECT =
  /^\s*(réponse automatique|reponse automatique|automatic reply|auto(matic)?[- ]?reply|auto:|out of (the )?office|absent|absence|en congés?|autoreply)/i;
const BOUNCE_SUBJECT =
  /(undeliver(ed|able)|delivery status notification|mail delivery (failed|failure|system)|returned mail|non remis|échec de (la )?remise|failure notice|message non délivré)/i;
const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

/** A delivery report or a message from a mail system saying it could not deliver. */
export function isBounce(m: IncomingMessage): boolean {
  if (/^multipart\/report/.test(m.contentType) && /report-type="?delivery-status/.test(m.contentType)) return true;
  if (m.from !== null && DAEMON_SENDER.test(m.from)) return true;
  return m.from === null && BOUNCE_SUBJECT.test(m.subject);
}

/** Written by a program answering on someone's behalf (holidays, ticket systems…). */
export function isAutoReply(m: IncomingMessage): boolean {
  const auto = m.headers['auto-submitted'];
  if (auto !== undefined && auto.trim().toLowerCase() !== 'no') return true;
  if (m.headers['x-autoreply'] !== undefined || m.headers['x-autorespond'] !== undefined || m.headers['x-autoresponse'] !== undefined)
    return true;
  const precedence = m.headers.precedence?.trim().toLowerCase();
  if (precedence === 'auto_reply') return true;
  return AUTO_SUBJECT.test(m.subject);
}

/** The addresses a bounce says it could not deliver to (Final-Recipient, Original-Recipient, or quoted `<…>`). */
export function bouncedAddresses(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:final|original)-recipient:\s*rfc822;\s*<?([^\s<>;]+@[^\s<>;]+)>?/gi))
    found.add(match[1]!.toLowerCase());
  return [...found];
}

function namedMessage(ids: readonly string[], byMessageId: Map<string, CandidateFollowUp>): CandidateFollowUp | undefined {
  for (const id of ids) {
    const f = byMessageId.get(id.trim().toLowerCase());
    if (f) return f;
  }
  return undefined;
}

/** The latest follow-up that went out to `address` in the window before `date`. */
function latestTo(address: string, date: IsoDate, followUps: readonly CandidateFollowUp[]): CandidateFollowUp | undefined {
  let best: CandidateFollowUp | undefined;
  for (const f of followUps) {
    if (!f.wentOut || f.clientEmail !== address) continue;
    if (f.date > date || addDays(f.date, PROBABLE_REPLY_DAYS) < date) continue;
    if (!best || f.date > best.date || (f.date === best.date && f.id > best.id)) best = f;
  }
  return best;
}

export function matchReply(m: IncomingMessage, followUps: readonly CandidateFollowUp[]): ReplyMatch {
  const byMessageId = new Map(followUps.flatMap((f) => (f.messageId ? [[f.messageId.toLowerCase(), f] as const] : [])));
  const from = m.from?.toLowerCase() ?? null;

  if (isBounce(m)) {
    // A delivery report quotes the headers of the message it returns: its Message-ID is certain.
    const quoted = [...m.text.matchAll(/<[^<>\s]+@[^<>\s]+>/g)].map((x) => x[0]);
    const named = namedMessage([...m.inReplyTo, ...m.references, ...quoted], byMessageId);
    if (named) {
      return {
        kind: 'bounce',
        followUpId: named.id,
        clientId: named.clientId,
        certainty: 'certain',
        reason: 'bounce_names_message',
        failingAddress: named.clientEmail,
      };
    }
    for (const address of bouncedAddresses(m.text)) {
      const f = latestTo(address, m.date, followUps);
      if (f)
        return {
          kind: 'bounce',
          followUpId: f.id,
          clientId: f.clientId,
          certainty: 'probable',
          reason: 'bounce_names_address',
          failingAddress: address,
        };
    }
    return { kind: 'unrelated', automatic: 'bounce' };
  }

  const inReplyTo = namedMessage(m.inReplyTo, byMessageId);
  const referenced = inReplyTo ?? namedMessage(m.references, byMessageId);
  const byAddress = from === null ? undefined : latestTo(from, m.date, followUps);

  if (isAutoReply(m)) {
    const f = referenced ?? byAddress;
    if (!f) return { kind: 'unrelated', automatic: 'auto_reply' };
    return {
      kind: 'auto_reply',
      followUpId: f.id,
      clientId: f.clientId,
      certainty: referenced ? 'certain' : 'probable',
      reason: referenced ? 'auto_reply_names_message' : 'auto_reply_from_client',
      failingAddress: null,
    };
  }
  if (referenced) {
    return {
      kind: 'reply',
      followUpId: referenced.id,
      clientId: referenced.clientId,
      certainty: 'certain',
      reason: inReplyTo ? 'in_reply_to' : 'references',
      failingAddress: null,
    };
  }
  if (byAddress)
    return {
      kind: 'reply',
      followUpId: byAddress.id,
      clientId: byAddress.clientId,
      certainty: 'probable',
      reason: 'sender_within_window',
      failingAddress: null,
    };
  return { kind: 'unrelated', automatic: null };
}

/** The first lines of a reply for the timeline: without the quoted message below it. */
export function replyExcerpt(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*>/.test(line)) break;
    if (/^(le .{0,80} a écrit|on .{0,80} wrote)\s*:?\s*$/i.test(line.trim())) break;
    if (/^-{2,}\s*(original message|message d'origine|message d’origine)/i.test(line.trim())) break;
    lines.push(line);
  }
  return excerpt(
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    REPLY_EXCERPT_CHARS,
  );
}

/**
 * Why the mailbox could not be read, as a kind the interface words (« identifiant ou mot de passe
 * refusé »); the mail library's technical text is kept beside it for a technician.
 */
export const IMAP_FAILURE_KINDS = [
  'auth',
  'connection_refused',
  'host_not_found',
  'timeout',
  'connection_lost',
  'tls',
  'not_read_only',
  'port_refused',
  'other',
] as const;
export type ImapFailureKind = (typeof IMAP_FAILURE_KINDS)[number];

export interface ImapFailure {
  kind: ImapFailureKind;
  /** The technical text (`connect ECONNREFUSED 127.0.0.1:993`), empty when the kind says it all. */
  detail: string;
}

/** What the IMAP library tells of a failure (imapflow's flags, Node's network codes). */
export interface ImapLibraryError {
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  message?: string;
}

/** The cause of a failure, from the library's error. */
export function imapFailureOf(e: ImapLibraryError): ImapFailure {
  const detail = (e.responseText ?? e.message ?? '').slice(0, 200);
  if (e.authenticationFailed) return { kind: 'auth', detail };
  switch (e.code) {
    case 'ECONNREFUSED':
      return { kind: 'connection_refused', detail };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'host_not_found', detail };
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return { kind: 'timeout', detail };
    case 'NoConnection':
    case 'ECONNRESET':
    case 'EPIPE':
      return { kind: 'connection_lost', detail };
    default:
      break;
  }
  if (TLS_FAILURE.test(`${e.code ?? ''} ${detail}`)) return { kind: 'tls', detail };
  return { kind: 'other', detail };
}

const STORED_FAILURE = new RegExp(`^(${IMAP_FAILURE_KINDS.join('|')}): ?([\\s\\S]*)$`);

/** A failure as the watcher stores it (`auth: …`). */
export function storedImapFailure(f: ImapFailure): string {
  return `${f.kind}: ${f.detail}`;
}

/** A stored failure read back; a text stored otherwise (before the kinds) is `other`. */
export function imapFailureOfStored(text: string): ImapFailure {
  const m = STORED_FAILURE.exec(text);
  return m ? { kind: m[1] as ImapFailureKind, detail: m[2] ?? '' } : { kind: 'other', detail: text };
}
