/**
 * Sending follow-ups by e-mail through a durable outbox (a table): enqueued in one transaction
 * with their follow-up records, sent one at a time, retried with exponential back-off while the
 * server is down, never twice. A message is marked "sending" under its sender's lease owner and
 * committed before it is handed to the mail server; its outcome is then recorded until the write
 * lands. A process that dies leaves it "sending"; once that owner's lease has expired, the sender
 * holding the lease makes it "uncertain": only the user decides whether it goes again (resolveUncertain).
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getClientRow } from '../db/clients';
import { getContactPrefs, insertFollowUp, updateFollowUp } from '../db/follow-ups';
import {
  claimOutboxMessage,
  getOutboxMessage,
  getOutboxMessageByKey,
  insertOutboxMessage,
  listDueOutboxIds,
  listOutboxMessages,
  markSendingUncertain,
  moveOutboxMessage,
  setOutboxFollowUp,
  type ClientOutboxMessage,
  type OutboxChanges,
  type OutboxMessage,
} from '../db/outbox';
import type { Db } from '../db/connection';
import type { Workspace } from '../db/workspaces';
import type { FollowUpStatus } from '../domain/follow-ups/cadence';
import type { OutboxState } from '../domain/follow-ups/outbox-states';
import type { IsoDate } from '../domain/dates';
import { listUnsubscribeHeaders, unsubscribeOf, withOptOutLine } from '../domain/follow-ups/message';
import { sendErrorKind, type SendErrorKind } from '../domain/follow-ups/send-errors';
import { getMailSettingsRow } from '../db/mail-settings';
import type { EmailMessageInput, EnqueueResult } from '../contracts/outbox';
import { message as messageIn, type Lang } from '../contracts/messages';
import { AppError } from './errors';
import { assertMayFollowUp, assertNoPlaceholderLeft, bookingWindow, markBookingsObtained } from './follow-ups/record';
import { unsubscribeTokenOf } from './follow-ups/unsubscribe';
import { getSendingSetup, messageIdFor } from './mail-settings';
import { MailSendError, type MailContext } from './mailer';
import { todayOf } from './workspace';

export interface RetryPolicy {
  /** Delay before the 2nd attempt; doubled at each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts that could be retried, the message fails for good. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 8 };

/** 30 s, 1 min, 2 min, 4 min … capped at one hour: about two hours before giving up. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

const FOLLOW_UP_STATUS: Record<OutboxState, FollowUpStatus> = {
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  failed: 'failed',
  cancelled: 'failed',
  uncertain: 'uncertain',
};

// ---------------------------------------------------------------------------------------------
// Enqueueing

export type { EmailMessageInput, EnqueueResult } from '../contracts/outbox';

/** What a use-case enqueues (parsed at the edge: batchInputSchema, sendInputSchema). */
export interface EnqueueInput {
  messages: EmailMessageInput[];
  /** Send even to clients followed up less than 30 days ago (never to an opted-out one). */
  force?: boolean;
  batchId?: string;
}

function defaultKey(workspaceId: number, m: EmailMessageInput, to: string, date: IsoDate): string {
  return createHash('sha256').update([workspaceId, m.clientId, to, m.subject, m.body, date].join('\u0000')).digest('base64url');
}

/** A refusal as it is decided: its words in either language (the answer's `message` is them in the request's). */
type Refusal = Omit<Extract<EnqueueResult, { result: 'refused' }>, 'message'> & { words: (lang: Lang) => string };
type Enqueued = Exclude<EnqueueResult, { result: 'refused' }> | Refusal;

async function enqueueOne(
  ctx: MailContext,
  trx: Db,
  workspace: Workspace,
  m: EmailMessageInput,
  options: { force: boolean; batchId: string; date: IsoDate; djAddress: string },
): Promise<Enqueued> {
  const client = await getClientRow(trx, workspace.id, m.clientId);
  if (!client)
    return { clientId: m.clientId, result: 'refused', reason: 'not_found', words: (lang) => messageIn(lang, 'error.clientNotFound') };
  const to = client.email?.trim() ?? '';
  if (!z.email().safeParse(to).success) {
    return {
      clientId: m.clientId,
      result: 'refused',
      reason: 'no_email',
      words: (lang) => messageIn(lang, to ? 'outbox.refused.badEmail' : 'outbox.refused.noEmail', { name: client.name, address: to }),
    };
  }
  const key = m.idempotencyKey ?? defaultKey(workspace.id, m, to, options.date);
  const existing = await getOutboxMessageByKey(trx, workspace.id, key);
  if (existing)
    return { clientId: m.clientId, result: 'duplicate', outboxId: existing.id, followUpId: existing.followUpId, state: existing.state };
  try {
    assertNoPlaceholderLeft(m.subject, m.body);
    await assertMayFollowUp(trx, workspace.id, m.clientId, options.date, options.force);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = e.details && 'reason' in e.details ? e.details : undefined;
    const reason =
      details?.reason === 'opted_out' || details?.reason === 'in_outbox' || details?.reason === 'recent_follow_up'
        ? details.reason
        : 'invalid';
    // A too recent follow-up keeps its dates: the answer says from when it is allowed.
    const dates = details?.lastContact !== undefined ? { lastContact: details.lastContact, allowedFrom: details.allowedFrom ?? null } : {};
    const words = (lang: Lang) => messageIn(lang, 'outbox.refused.client', { name: client.name, problem: e.textIn(lang) });
    return { clientId: m.clientId, result: 'refused', reason, words, ...dates };
  }
  const unsubscribe = unsubscribeOf(options.djAddress, ctx.publicUrl, await unsubscribeTokenOf(trx, workspace.id, client.id));
  const headers = listUnsubscribeHeaders(unsubscribe);
  const body = withOptOutLine(m.body, unsubscribe);
  const now = ctx.now();
  const nowIso = now.toISOString();
  const message = await insertOutboxMessage(trx, {
    workspaceId: workspace.id,
    clientId: client.id,
    followUpId: null,
    batchId: options.batchId,
    idempotencyKey: key,
    messageId: messageIdFor(options.djAddress),
    toAddress: to,
    toName: client.contact?.trim() || null,
    subject: m.subject,
    body,
    listUnsubscribe: headers['List-Unsubscribe'] ?? '',
    listUnsubscribePost: headers['List-Unsubscribe-Post'] ?? null,
    state: 'queued',
    nextAttemptAt: nowIso,
    lastError: null,
    smtpResponse: null,
    sendingStartedAt: null,
    sentAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  });
  if (!message) {
    // Another request enqueued the same key between our read and our insert.
    const raced = await getOutboxMessageByKey(trx, workspace.id, key);
    if (!raced) throw new Error('outbox insert conflicted without a row');
    return { clientId: m.clientId, result: 'duplicate', outboxId: raced.id, followUpId: raced.followUpId, state: raced.state };
  }
  const followUp = await insertFollowUp(trx, {
    workspaceId: workspace.id,
    clientId: client.id,
    date: options.date,
    channel: 'email_sent',
    template: m.template ?? null,
    subject: m.subject,
    body,
    status: 'queued',
    error: null,
    outcomeDate: null,
    ...bookingWindow(options.date, now),
    createdAt: nowIso,
    confirmedAt: null,
  });
  await setOutboxFollowUp(trx, message.id, followUp.id);
  return { clientId: m.clientId, result: 'queued', outboxId: message.id, followUpId: followUp.id };
}

/**
 * Puts follow-up e-mails in the outbox, all in one transaction, each with its follow-up record.
 * Each message is refused alone (opted out, too recent without `force`, no address, a variable
 * left) with its reason; one already enqueued (same idempotency key) is reported, not added.
 */
export async function enqueueFollowUpEmails(
  ctx: MailContext,
  workspace: Workspace,
  input: EnqueueInput,
  /** The language of the refusals' `message` (the request's). */
  lang: Lang = 'fr',
): Promise<{ batchId: string; results: EnqueueResult[] }> {
  const { batchId, results } = await enqueueAll(ctx, workspace, input);
  return { batchId, results: results.map((r) => (r.result === 'refused' ? refusalResult(r, lang) : r)) };
}

function refusalResult({ words, ...r }: Refusal, lang: Lang): EnqueueResult {
  return { ...r, message: words(lang) };
}

async function enqueueAll(ctx: MailContext, workspace: Workspace, input: EnqueueInput): Promise<{ batchId: string; results: Enqueued[] }> {
  const settings = await getMailSettingsRow(ctx.database.db, workspace.id);
  if (!settings) throw AppError.worded('invalid_input', 'error.outbox.noServer');
  const batchId = input.batchId ?? randomUUID();
  const date = todayOf(ctx, workspace);
  const results = await ctx.database.db.transaction().execute(async (trx) => {
    const out: Enqueued[] = [];
    for (const m of input.messages) {
      out.push(await enqueueOne(ctx, trx, workspace, m, { force: input.force === true, batchId, date, djAddress: settings.fromAddress }));
    }
    return out;
  });
  return { batchId, results };
}

/** A refused message as the error of a request for it alone: its reason and, when too recent, its dates. */
function refusalError(r: Refusal): AppError {
  switch (r.reason) {
    case 'not_found':
      return AppError.worded('not_found', 'error.clientNotFound');
    case 'opted_out':
    case 'in_outbox':
    case 'recent_follow_up':
      return AppError.composed('conflict', r.words, { reason: r.reason, lastContact: r.lastContact, allowedFrom: r.allowedFrom });
    default:
      return AppError.composed('invalid_input', r.words, { reason: r.reason });
  }
}

/**
 * "Envoyer" in the generator: enqueues the one message and sends it at once (the background
 * sender would take it otherwise), so that the answer says whether it went.
 */
export async function sendFollowUpEmail(
  ctx: MailContext,
  workspace: Workspace,
  input: EmailMessageInput & { force?: boolean },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<{ enqueue: EnqueueResult; message: OutboxView | null }> {
  const { force, ...message } = input;
  const { results } = await enqueueAll(ctx, workspace, { messages: [message], force });
  const enqueue = results[0];
  if (!enqueue) throw new Error('no enqueue result');
  if (enqueue.result === 'refused') throw refusalError(enqueue);
  if (enqueue.result === 'queued') await deliverOutboxMessage(ctx, enqueue.outboxId, policy);
  const row = clientMessage(await getOutboxMessage(ctx.database.db, enqueue.outboxId));
  const client = await getClientRow(ctx.database.db, workspace.id, input.clientId);
  return { enqueue, message: row ? outboxView({ ...row, clientName: client?.name ?? '' }) : null };
}

// ---------------------------------------------------------------------------------------------
// Sending

async function syncFollowUp(db: Db, m: OutboxMessage, error: string | null): Promise<void> {
  if (m.followUpId === null) return;
  await updateFollowUp(db, m.workspaceId, m.followUpId, { status: FOLLOW_UP_STATUS[m.state], error });
}

/** Moves the message and its follow-up together (with `owner`: only while that sender has it in hand). */
export async function move(
  ctx: MailContext,
  m: OutboxMessage,
  from: OutboxState | readonly OutboxState[],
  changes: OutboxChanges,
  owner?: string | null,
): Promise<OutboxMessage | undefined> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const moved = await moveOutboxMessage(trx, m.id, from, { ...changes, updatedAt: ctx.now().toISOString() }, owner);
    if (moved) await syncFollowUp(trx, moved, moved.state === 'sent' ? null : moved.lastError);
    return moved;
  });
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'uncertain' | 'cancelled' | 'skipped';

export interface DeliveryOptions {
  /** The sender's lease owner, recorded on the message while it is "sending" (default: ctx.outboxOwner). */
  owner?: string | null;
  /** Told of each failed attempt to record the outcome (it is tried again until it lands). */
  onRecordError?: (e: unknown, attempt: number) => void;
  /** Stop trying to record (the process stops): the message stays "sending" under its owner's lease. */
  giveUp?: () => boolean;
}

const RECORD_FIRST_DELAY_MS = 100;
const RECORD_MAX_DELAY_MS = 5_000;

/**
 * Records what happened to a message once it is claimed: tried again, with a growing delay, until
 * the database takes it (a held lock, a full disk that gets space again). A message the mail server
 * accepted must not stay "sending" because one write failed.
 */
async function recordDurably<T>(write: () => Promise<T>, options: DeliveryOptions): Promise<T> {
  let delay = RECORD_FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      options.onRecordError?.(e, attempt);
      if (options.giveUp?.()) throw e;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RECORD_MAX_DELAY_MS);
    }
  }
}

/**
 * Sends one queued message: claims it ("sending" under its owner, committed), checks the client has
 * not opted out since, hands it to the mail server, records the answer (durably). 'skipped' when it
 * was not queued (another sender has it, or it is done).
 */
export async function deliverOutboxMessage(
  ctx: MailContext,
  id: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  options: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const db = ctx.database.db;
  const owner = options.owner !== undefined ? options.owner : (ctx.outboxOwner ?? null);
  const claimed = await claimOutboxMessage(db, id, ctx.now().toISOString(), owner);
  if (!claimed) return 'skipped';
  // From here on, every outcome is recorded until it lands. A message another process marked
  // "uncertain" meanwhile (our lease lapsed) still gets the truth, if it is still ours.
  const record = (changes: OutboxChanges) => recordDurably(() => move(ctx, claimed, ['sending', 'uncertain'], changes, owner), options);

  // A message to the owner (the weekly alert) has no client to have opted out.
  const clientId = claimed.clientId;
  const prefs = clientId === null ? undefined : await recordDurably(() => getContactPrefs(db, claimed.workspaceId, clientId), options);
  if (prefs?.optedOutAt) {
    await record({ state: 'cancelled', lastError: 'Client désinscrit (« ne plus contacter ») : message non envoyé.' });
    return 'cancelled';
  }

  const retryOrFail = async (message: string): Promise<DeliveryOutcome> => {
    if (claimed.attempts >= policy.maxAttempts) {
      await record({ state: 'failed', lastError: `${message} (abandon après ${claimed.attempts} tentatives)` });
      return 'failed';
    }
    const next = new Date(ctx.now().getTime() + retryDelayMs(claimed.attempts, policy)).toISOString();
    await record({ state: 'queued', nextAttemptAt: next, lastError: message });
    return 'retry';
  };

  let setup;
  try {
    setup = await getSendingSetup(ctx, claimed.workspaceId);
  } catch (e) {
    return retryOrFail(e instanceof AppError ? e.message : `Réglages d’envoi illisibles : ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!setup) return retryOrFail('Aucun serveur d’envoi n’est configuré : renseignez les réglages d’envoi.');

  const headers: Record<string, string> = claimed.listUnsubscribe ? { 'List-Unsubscribe': claimed.listUnsubscribe } : {};
  if (claimed.listUnsubscribePost) headers['List-Unsubscribe-Post'] = claimed.listUnsubscribePost;
  let response: string;
  try {
    ({ response } = await ctx.mailerFor(setup.smtp).send({
      from: setup.from,
      to: { name: claimed.toName, address: claimed.toAddress },
      subject: claimed.subject,
      text: claimed.body,
      messageId: claimed.messageId,
      date: new Date(claimed.createdAt),
      headers,
    }));
  } catch (e) {
    const err =
      e instanceof MailSendError
        ? e
        : new MailSendError('uncertain', `Erreur inattendue pendant l’envoi : ${e instanceof Error ? e.message : String(e)}`, null, null);
    if (err.kind === 'permanent') {
      await record({ state: 'failed', lastError: err.message });
      return 'failed';
    }
    if (err.kind === 'uncertain') {
      await record({ state: 'uncertain', lastError: err.message });
      return 'uncertain';
    }
    return retryOrFail(err.message);
  }
  await record({ state: 'sent', sentAt: ctx.now().toISOString(), smtpResponse: response.slice(0, 1000), lastError: null });
  await markBookingsObtained(ctx, claimed.workspaceId);
  return 'sent';
}

/**
 * Run by the sender that holds the lease: a message still "sending" whose owner's lease has expired
 * was handed to the mail server by a process that stopped or died before recording the answer. It
 * becomes "uncertain" and is never resent on its own. A live sender's messages are left alone.
 */
export async function recoverInterruptedSends(ctx: MailContext): Promise<number> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const rows = await markSendingUncertain(trx, ctx.now().toISOString());
    for (const m of rows) await syncFollowUp(trx, m, m.lastError);
    return rows.length;
  });
}

/** Sends every due message, one at a time, oldest first. */
export async function sendDueMessages(
  ctx: MailContext,
  options: { policy?: RetryPolicy; limit?: number; shouldStop?: () => boolean; delivery?: DeliveryOptions } = {},
): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { sent: 0, retry: 0, failed: 0, uncertain: 0, cancelled: 0, skipped: 0 };
  const ids = await listDueOutboxIds(ctx.database.db, ctx.now().toISOString(), options.limit ?? 100);
  for (const id of ids) {
    if (options.shouldStop?.()) break;
    counts[await deliverOutboxMessage(ctx, id, options.policy, options.delivery)] += 1;
  }
  return counts;
}

/** The user's decision on an uncertain message: send it again, or take it as sent. */
export async function resolveUncertain(
  ctx: MailContext,
  workspace: Workspace,
  id: number,
  decision: 'resend' | 'mark_sent',
): Promise<OutboxView> {
  const m = clientMessage(await getOutboxMessage(ctx.database.db, id));
  if (!m || m.workspaceId !== workspace.id) throw AppError.worded('not_found', 'error.messageNotFound');
  if (m.state !== 'uncertain') throw AppError.worded('conflict', 'error.outbox.notUncertain');
  const now = ctx.now().toISOString();
  const moved =
    decision === 'resend'
      ? await move(ctx, m, 'uncertain', { state: 'queued', nextAttemptAt: now, lastError: null })
      : await move(ctx, m, 'uncertain', {
          state: 'sent',
          sentAt: now,
          smtpResponse: 'marqué envoyé par l’utilisateur',
          lastError: null,
        });
  if (!moved) throw AppError.worded('conflict', 'error.outbox.changed');
  const client = await getClientRow(ctx.database.db, workspace.id, m.clientId);
  return outboxView({ ...moved, clientId: m.clientId, clientName: client?.name ?? '' });
}

// ---------------------------------------------------------------------------------------------
// Progress

export interface OutboxView {
  id: number;
  clientId: number;
  client: string;
  to: string;
  subject: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  error: string | null;
  /** Why it did not go, as a kind the interface words. */
  errorKind: SendErrorKind | null;
  sentAt: string | null;
  followUpId: number | null;
  /** When it was first put in the queue: a retry keeps it (and the e-mail's Date says it). */
  queuedAt: string;
}

/** The message when it is a follow-up's (to a client): the outbox page shows only those. */
export function clientMessage(m: OutboxMessage | undefined): ClientOutboxMessage | undefined {
  return m && m.clientId !== null ? { ...m, clientId: m.clientId } : undefined;
}

export function outboxView(m: ClientOutboxMessage & { clientName: string }): OutboxView {
  return {
    id: m.id,
    clientId: m.clientId,
    client: m.clientName,
    to: m.toAddress,
    subject: m.subject,
    state: m.state,
    attempts: Number(m.attempts),
    nextAttemptAt: m.state === 'queued' ? m.nextAttemptAt : null,
    error: m.lastError,
    errorKind: sendErrorKind(m.lastError),
    sentAt: m.sentAt,
    followUpId: m.followUpId,
    queuedAt: m.createdAt,
  };
}

export interface OutboxProgress {
  total: number;
  counts: Record<OutboxState, number>;
  /** Nothing left to send or decide. */
  done: boolean;
  messages: OutboxView[];
}

/** The progress of a batch (or of the whole outbox): what is sent, waiting, failed with why, uncertain. */
export async function getOutboxProgress(ctx: MailContext, workspace: Workspace, batchId?: string): Promise<OutboxProgress> {
  const rows = await listOutboxMessages(ctx.database.db, workspace.id, batchId === undefined ? {} : { batchId });
  const counts: Record<OutboxState, number> = { queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, cancelled: 0 };
  for (const r of rows) counts[r.state] += 1;
  return { total: rows.length, counts, done: counts.queued + counts.sending + counts.uncertain === 0, messages: rows.map(outboxView) };
}
