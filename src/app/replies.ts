/**
 * Replies detected without typing (issue 16, docs/decisions/018): the workspace's IMAP settings
 * ("Boîte de réception", password sealed like the SMTP one), and one pass over the watched folder:
 * opened read-only (EXAMINE), only the messages after the last UID seen, only their headers and
 * first kilobytes (BODY.PEEK, nothing marked as read). Each message goes through the domain's
 * matcher; a reply sets its follow-up's outcome to "answered" (never over "booking obtained" nor
 * "declined"), a bounce marks the client's address as failing and the follow-up as not delivered.
 */
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject } from 'mailparser';
import { message } from '../contracts/messages';
import {
  imapFailureText,
  type CheckResult,
  type ImapSettings,
  type ImapSettingsView,
  type ImapTestResult,
  type ReplyRecord,
} from '../contracts/replies';
import { calendarDateIn } from '../domain/dates';
import { bounceError } from '../domain/follow-ups/send-errors';
import {
  imapFailureOf,
  imapFailureOfStored,
  matchReply,
  replyExcerpt,
  storedImapFailure,
  type CandidateFollowUp,
  type ImapFailure,
  type ImapLibraryError,
  type IncomingMessage,
  type ReplyMatch,
} from '../domain/replies';
import { getClientRow } from '../db/clients';
import { getFollowUp, updateFollowUp } from '../db/follow-ups';
import type { Db } from '../db/connection';
import {
  deleteStoredImapSettings,
  getReply,
  getStoredImapSettings,
  insertReply,
  listClientReplies,
  listReplyCandidates,
  markEmailFailing,
  markReplyUndone,
  recordImapFailure,
  recordImapPosition,
  replyWithMessageIdExists,
  upsertStoredImapSettings,
  type MailReply,
  type ReplyCandidate,
  type StoredImapSettings,
} from '../db/replies';
import { getWorkspace, type Workspace } from '../db/workspaces';
import { AppError } from './errors';
import { unsubscribeTokenOf } from './follow-ups/unsubscribe';
import type { AppContext } from './context';
import { resolveSmtpHost, systemResolver, type MailContext, type ResolvedHost } from './mailer';

/** What reading the mailbox needs beyond the database and the clock: the password's key, and how names resolve. */
export type ReplyContext = AppContext & Pick<MailContext, 'secretBox' | 'resolveHost'>;

/** IMAP over implicit TLS, and IMAP with STARTTLS: the only ports reached beyond this machine. */
export const IMAP_PORTS: readonly number[] = [993, 143];
/** Only the headers and the first kilobytes of a message are fetched. */
export const FETCH_BYTES = 16 * 1024;
/** A pass reads at most this many messages; the next pass goes on from there. */
export const MESSAGES_PER_PASS = 200;
/** A first pass (or one after a UIDVALIDITY change) reads back this many days. */
export const FIRST_PASS_DAYS = 90;

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

function secretContext(workspaceId: number): string {
  return `imap_settings:${workspaceId}:password`;
}

/** A failure of the mailbox itself (not of the application): the watcher records it, a test reports it. */
class MailboxFailure extends Error {
  constructor(readonly failure: ImapFailure) {
    super(failure.kind);
  }
}

const NO_STATE = { lastCheckAt: null, lastSuccessAt: null, lastError: null, failures: 0 };

function viewOf(row: StoredImapSettings | undefined): ImapSettingsView {
  if (!row)
    return { configured: false, host: '', port: 993, secure: true, username: '', hasPassword: false, folder: 'INBOX', state: NO_STATE };
  return {
    configured: true,
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    hasPassword: row.passwordEncrypted !== null,
    folder: row.folder,
    state: {
      lastCheckAt: row.lastCheckAt,
      lastSuccessAt: row.lastSuccessAt,
      lastError: row.lastError === null ? null : imapFailureOfStored(row.lastError),
      failures: row.failures,
    },
  };
}

export async function getImapSettings(ctx: ReplyContext, workspace: Workspace): Promise<ImapSettingsView> {
  return viewOf(await getStoredImapSettings(ctx.database.db, workspace.id));
}

/** Beyond this machine only the IMAP ports (no port scan from the server, issue 9). */
function remotePortRefused(resolved: ResolvedHost, port: number): boolean {
  return !resolved.loopback && !IMAP_PORTS.includes(port);
}

/** Saves the settings, parsed at the edge (`imapSettingsInputSchema`). */
export async function saveImapSettings(ctx: ReplyContext, workspace: Workspace, s: ImapSettings): Promise<ImapSettingsView> {
  const ports = IMAP_PORTS.join(', ');
  const resolved = await resolveSmtpHost(s.host, ctx.resolveHost ?? systemResolver).catch(() => null);
  if (resolved && remotePortRefused(resolved, s.port))
    throw AppError.worded('invalid_input', 'error.replies.portRefusedRemote', { port: s.port, ports });
  // A name that does not resolve now is held to the IMAP ports; each check resolves it again.
  if (!resolved && !IMAP_PORTS.includes(s.port))
    throw AppError.worded('invalid_input', 'error.replies.portRefused', { port: s.port, ports });
  const current = await getStoredImapSettings(ctx.database.db, workspace.id);
  // The stored password goes only where it was typed for: a new host, port or user needs it again.
  const sameTarget = current !== undefined && current.host === s.host && current.port === s.port && current.username === s.username;
  if (s.password === undefined && !sameTarget && current?.passwordEncrypted) {
    throw AppError.worded('invalid_input', 'error.replies.passwordAgain');
  }
  const kept = sameTarget ? (current?.passwordEncrypted ?? null) : null;
  const passwordEncrypted =
    s.password === undefined
      ? kept
      : s.password === null || s.password === ''
        ? null
        : ctx.secretBox.seal(s.password, secretContext(workspace.id));
  await upsertStoredImapSettings(
    ctx.database.db,
    {
      workspaceId: workspace.id,
      host: s.host,
      port: s.port,
      secure: s.secure,
      username: s.username,
      passwordEncrypted,
      folder: s.folder,
      updatedAt: ctx.now().toISOString(),
    },
    !(sameTarget && current?.folder === s.folder),
  );
  return getImapSettings(ctx, workspace);
}

/** Removing the settings stops the watching: the watcher finds nothing to read. */
export async function deleteImapSettings(ctx: ReplyContext, workspace: Workspace): Promise<void> {
  await deleteStoredImapSettings(ctx.database.db, workspace.id);
}

/** What went wrong with the mailbox; an error of the application itself (storage, settings gone) goes on. */
function mailboxFailureOf(e: unknown): ImapFailure {
  if (e instanceof MailboxFailure) return e.failure;
  if (e instanceof AppError) throw e;
  return imapFailureOf(e as ImapLibraryError);
}

interface Connection {
  client: ImapFlow;
  row: StoredImapSettings;
}

async function connect(ctx: ReplyContext, workspaceId: number): Promise<Connection | null> {
  const row = await getStoredImapSettings(ctx.database.db, workspaceId);
  if (!row) return null;
  const resolved = await resolveSmtpHost(row.host, ctx.resolveHost ?? systemResolver);
  if (remotePortRefused(resolved, row.port)) throw new MailboxFailure({ kind: 'port_refused', detail: `${row.host}:${row.port}` });
  const pass = row.passwordEncrypted === null ? undefined : ctx.secretBox.open(row.passwordEncrypted, secretContext(workspaceId));
  const bare = row.host.replace(/^\[(.*)\]$/, '$1');
  const client = new ImapFlow({
    // The resolved address (no second lookup a DNS answer could change); the certificate is checked against the name typed.
    host: resolved.address,
    port: row.port,
    secure: row.secure,
    ...(bare === resolved.address ? {} : { servername: bare }),
    // A password never crosses the network in clear: STARTTLS is required, except on this machine.
    doSTARTTLS: row.secure ? undefined : !resolved.loopback,
    auth: { user: row.username, pass },
    logger: false,
    disableAutoIdle: true,
    ...TIMEOUTS,
  });
  client.on('error', () => {});
  await client.connect();
  return { client, row };
}

/** "Tester": logs in and opens the folder read-only. */
export async function testImapSettings(ctx: ReplyContext, workspace: Workspace): Promise<ImapTestResult> {
  let c: Connection | null = null;
  try {
    c = await connect(ctx, workspace.id);
    if (!c) throw AppError.worded('invalid_input', 'error.replies.none');
    const box = await c.client.mailboxOpen(c.row.folder, { readOnly: true });
    return { ok: true, folder: c.row.folder, messages: box.exists };
  } catch (e) {
    return { ok: false, error: mailboxFailureOf(e) };
  } finally {
    await c?.client.logout().catch(() => c?.client.close());
  }
}

function firstAddress(a: AddressObject | undefined): string | null {
  return a?.value.find((v) => v.address)?.address?.toLowerCase() ?? null;
}

function listOf(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(/\s+/))
    .map((x) => x.trim())
    .filter((x) => x.length > 0)
    .slice(0, 50);
}

const TELLING_HEADERS = ['auto-submitted', 'x-autoreply', 'x-autorespond', 'x-autoresponse', 'precedence'];

/** The message as the matcher sees it, from its headers and first kilobytes. */
export async function readMessage(source: Buffer, received: Date, timeZone: string): Promise<IncomingMessage> {
  const parsed = await simpleParser(source, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) {
    if (TELLING_HEADERS.includes(line.key) && headers[line.key] === undefined)
      headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  }
  const contentType =
    parsed.headerLines
      .find((l) => l.key === 'content-type')
      ?.line.replace(/^content-type:\s*/i, '')
      .replace(/\s+/g, ' ')
      .toLowerCase() ?? 'text/plain';
  // A delivery report's parts (its status, the returned headers) are attachments to the parser.
  const attached = parsed.attachments
    .filter((a) => /^(message\/delivery-status|message\/rfc822|text\/rfc822-headers|message\/global-headers)/.test(a.contentType))
    .map((a) => a.content.toString('utf8'))
    .join('\n');
  const text = [parsed.text ?? '', attached].join('\n').slice(0, FETCH_BYTES);
  return {
    messageId: parsed.messageId ?? standInMessageId(parsed.headerLines),
    inReplyTo: listOf(parsed.inReplyTo),
    references: listOf(parsed.references),
    from: firstAddress(parsed.from),
    date: calendarDateIn(timeZone, parsed.date && parsed.date.getTime() <= received.getTime() ? parsed.date : received),
    subject: (parsed.subject ?? '').slice(0, 300),
    headers,
    contentType,
    text,
  };
}

/**
 * A message without a Message-ID is known by its sender, date and subject lines, so that it is
 * not counted twice when the folder is read again after a UIDVALIDITY change.
 */
function standInMessageId(lines: readonly { key: string; line: string }[]): string {
  const h = createHash('sha256');
  for (const l of lines) if (l.key === 'from' || l.key === 'date' || l.key === 'subject') h.update(l.line).update('\n');
  return `<${h.digest('base64url')}@no-message-id.djbooker>`;
}

function candidatesOf(rows: ReplyCandidate[]): CandidateFollowUp[] {
  return rows.map((r) => ({
    id: r.id,
    clientId: r.clientId,
    clientEmail: r.email?.toLowerCase() ?? null,
    date: r.date,
    messageId: r.messageId,
    wentOut: r.status === 'sent',
  }));
}

type Matched = Extract<ReplyMatch, { followUpId: number }>;

/** Records the message and its effect, in one transaction; undefined when it was recorded before. */
async function applyMatch(
  db: Db,
  workspaceId: number,
  m: IncomingMessage,
  match: Matched,
  at: { folder: string; uidValidity: string; uid: number; now: string },
): Promise<MailReply | undefined> {
  return db.transaction().execute(async (trx) => {
    const followUp = await getFollowUp(trx, workspaceId, match.followUpId);
    const answers = match.kind === 'reply' && followUp !== undefined && (followUp.outcome === 'none' || followUp.outcome === 'no_answer');
    const row = await insertReply(trx, {
      workspaceId,
      clientId: match.clientId,
      followUpId: match.followUpId,
      folder: at.folder,
      uidValidity: at.uidValidity,
      uid: at.uid,
      messageId: m.messageId,
      kind: match.kind,
      certainty: match.certainty,
      reason: match.reason,
      receivedDate: m.date,
      fromAddress: m.from ?? '',
      subject: m.subject,
      excerpt: replyExcerpt(m.text),
      applied: answers,
      previousOutcome: answers ? followUp.outcome : null,
      previousOutcomeDate: answers ? followUp.outcomeDate : null,
      createdAt: at.now,
    });
    if (!row) return undefined;
    if (answers) await updateFollowUp(trx, workspaceId, match.followUpId, { outcome: 'answered', outcomeDate: m.date, outcomeAuto: 2 });
    if (match.kind === 'bounce') {
      await unsubscribeTokenOf(trx, workspaceId, match.clientId);
      const address = match.failingAddress ?? 'l’adresse';
      await markEmailFailing(trx, match.clientId, at.now, `${address} : message revenu le ${m.date} (« ${m.subject.slice(0, 120)} »)`);
      if (followUp && followUp.status !== 'failed') {
        await updateFollowUp(trx, workspaceId, match.followUpId, {
          status: 'failed',
          error: bounceError(address),
        });
      }
    }
    return row;
  });
}

/**
 * One pass over a workspace's watched folder: the messages after the last UID seen (the last
 * FIRST_PASS_DAYS days the first time, or when the folder's UIDVALIDITY changed), at most
 * MESSAGES_PER_PASS. Records where it stopped and its state; null when no mailbox is set up.
 */
export async function checkMailbox(ctx: ReplyContext, workspaceId: number): Promise<CheckResult | null> {
  const db = ctx.database.db;
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) return null;
  let c: Connection | null = null;
  try {
    c = await connect(ctx, workspaceId);
    if (!c) return null;
    const { client, row } = c;
    const box = await client.mailboxOpen(row.folder, { readOnly: true });
    if (!box.readOnly) throw new MailboxFailure({ kind: 'not_read_only', detail: row.folder });
    const uidValidity = String(box.uidValidity);
    const uidValidityChanged = row.uidValidity !== null && row.uidValidity !== uidValidity;
    const fresh = row.uidValidity === null || uidValidityChanged;
    let uids: number[] = [];
    if (box.exists > 0) {
      if (fresh) {
        const since = new Date(ctx.now().getTime() - FIRST_PASS_DAYS * 86_400_000);
        uids = (await client.search({ since }, { uid: true })) || [];
      } else if (box.uidNext > row.lastUid + 1) {
        uids = (await client.search({ uid: `${row.lastUid + 1}:*` }, { uid: true })) || [];
      }
    }
    const lastUid = fresh ? 0 : row.lastUid;
    uids = uids.filter((u) => u > lastUid).sort((a, b) => a - b);
    // The first time, the newest ones; afterwards, in order from where the last pass stopped.
    uids = fresh ? uids.slice(-MESSAGES_PER_PASS) : uids.slice(0, MESSAGES_PER_PASS);
    const result: CheckResult = { workspace: workspace.name, folder: row.folder, read: 0, uidValidityChanged, matched: [], ignored: 0 };
    let position = fresh ? (uids.length > 0 ? uids[0]! - 1 : box.uidNext - 1) : row.lastUid;
    if (uids.length > 0) {
      const messages = await client.fetchAll(uids, { uid: true, internalDate: true, source: { maxLength: FETCH_BYTES } }, { uid: true });
      for (const fetched of messages.sort((a, b) => a.uid - b.uid)) {
        result.read++;
        const received = fetched.internalDate ? new Date(fetched.internalDate) : ctx.now();
        const m = await readMessage(fetched.source ?? Buffer.alloc(0), received, workspace.timeZone);
        position = Math.max(position, fetched.uid);
        // A folder read again after a UIDVALIDITY change holds messages already recorded.
        if (uidValidityChanged && m.messageId !== null && (await replyWithMessageIdExists(db, workspaceId, m.messageId))) continue;
        const candidates = candidatesOf(
          await listReplyCandidates(db, workspaceId, [...m.inReplyTo, ...m.references, ...quotedIds(m.text)], m.from),
        );
        const match = matchReply(m, candidates);
        if (match.kind === 'unrelated') {
          result.ignored++;
          continue;
        }
        const stored = await applyMatch(db, workspaceId, m, match, {
          folder: row.folder,
          uidValidity,
          uid: fetched.uid,
          now: ctx.now().toISOString(),
        });
        if (!stored) continue;
        result.matched.push({
          uid: fetched.uid,
          kind: match.kind,
          certainty: match.certainty,
          reason: match.reason,
          clientId: match.clientId,
          followUpId: match.followUpId,
          subject: m.subject,
          applied: stored.applied,
        });
      }
    }
    await recordImapPosition(db, workspaceId, uidValidity, Math.max(position, 0), ctx.now().toISOString());
    return result;
  } catch (e) {
    const failure = mailboxFailureOf(e);
    await recordImapFailure(db, workspaceId, storedImapFailure(failure), ctx.now().toISOString()).catch(() => {});
    throw AppError.composed('invalid_input', (lang) =>
      message(lang, 'error.replies.readFailed', { problem: imapFailureText(failure, (key, vars) => message(lang, key, vars)) }),
    );
  } finally {
    await c?.client.logout().catch(() => c?.client.close());
  }
}

/** The Message-IDs a bounce quotes in its first kilobytes (the returned message's headers). */
function quotedIds(text: string): string[] {
  return [...text.matchAll(/<[^<>\s]+@[^<>\s]+>/g)].map((x) => x[0]).slice(0, 20);
}

function replyJson(r: MailReply): ReplyRecord {
  return {
    id: r.id,
    clientId: r.clientId,
    followUpId: r.followUpId,
    kind: r.kind,
    certainty: r.certainty,
    reason: r.reason,
    receivedDate: r.receivedDate,
    from: r.fromAddress,
    subject: r.subject,
    excerpt: r.excerpt,
    applied: r.applied,
    undone: r.undoneAt !== null,
  };
}

/** The client's messages read from the mailbox, newest first (its timeline). */
export async function listReplies(ctx: ReplyContext, workspace: Workspace, clientId: number): Promise<ReplyRecord[]> {
  if (!(await getClientRow(ctx.database.db, workspace.id, clientId))) throw AppError.worded('not_found', 'error.clientNotFound');
  return (await listClientReplies(ctx.database.db, workspace.id, clientId)).map(replyJson);
}

/**
 * "Ce n’est pas une réponse": the follow-up gets back the outcome it had before the message, if
 * the reply is still what set it (a later outcome chosen by the user is kept).
 */
export async function undoReply(ctx: ReplyContext, workspace: Workspace, id: number): Promise<ReplyRecord> {
  const db = ctx.database.db;
  return db.transaction().execute(async (trx) => {
    const reply = await getReply(trx, workspace.id, id);
    if (!reply) throw AppError.worded('not_found', 'error.replyNotFound');
    if (reply.undoneAt === null) {
      if (reply.applied && reply.followUpId !== null) {
        const f = await getFollowUp(trx, workspace.id, reply.followUpId);
        if (f && f.outcome === 'answered' && f.outcomeAuto === 2) {
          await updateFollowUp(trx, workspace.id, f.id, {
            outcome: reply.previousOutcome ?? 'none',
            outcomeDate: reply.previousOutcomeDate,
            outcomeAuto: 0,
          });
        }
      }
      await markReplyUndone(trx, workspace.id, id, ctx.now().toISOString());
    }
    return replyJson({ ...reply, undoneAt: reply.undoneAt ?? ctx.now().toISOString() });
  });
}

export interface NewsWait {
  /** Resolves when the server says a message arrived (IDLE), or at once when it cannot tell. */
  arrived: Promise<void>;
  /** Ends the wait and its connection. */
  cancel(): Promise<void>;
}

/**
 * Waits on the watched folder, opened read-only, for the server to announce a new message (IMAP
 * IDLE). A server without IDLE, or one that cannot be reached, resolves nothing: the watcher's
 * regular poll takes over.
 */
export function waitForNews(ctx: ReplyContext, workspaceId: number): NewsWait {
  let c: Connection | null = null;
  let cancelled = false;
  const arrived = new Promise<void>((resolve) => {
    void (async () => {
      try {
        c = await connect(ctx, workspaceId);
        if (!c || cancelled || !c.client.capabilities.has('IDLE')) return;
        const box = await c.client.mailboxOpen(c.row.folder, { readOnly: true });
        // Arrived between the last pass and now, or the folder was renumbered: no need to wait.
        if (c.row.uidValidity !== String(box.uidValidity) || box.uidNext > c.row.lastUid + 1) return resolve();
        const known = box.exists;
        c.client.on('exists', (data: { count: number }) => {
          if (data.count > known) resolve();
        });
        if (cancelled) return;
        await c.client.idle();
      } catch {
        // The poll reports the failure in words; nothing to add here.
      }
    })();
  });
  return {
    arrived,
    async cancel() {
      cancelled = true;
      const open = c as Connection | null;
      if (open) await open.client.logout().catch(() => open.client.close());
    },
  };
}
