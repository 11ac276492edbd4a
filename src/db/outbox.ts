/**
 * The durable outbox of e-mails. A message moves queued → sending → sent | failed | queued again
 * (a retry) | uncertain (the sending process died while the mail server had it); every move is a
 * conditional update, so that two senders never take the same message. Rows stay here: every
 * function takes and returns the camelCase values below.
 */
import type { Selectable } from 'kysely';
import type { OutboxState } from '../domain/follow-ups/outbox-states';
import type { Db } from './connection';
import type { OutboxRecipient, Schema } from './schema';

type OutboxRow = Selectable<Schema['outbox_messages']>;

export interface OutboxMessage {
  id: number;
  workspaceId: number;
  /** Null for a message to the workspace's owner (the weekly alert). */
  clientId: number | null;
  followUpId: number | null;
  batchId: string;
  idempotencyKey: string;
  messageId: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  body: string;
  listUnsubscribe: string;
  listUnsubscribePost: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  smtpResponse: string | null;
  sendingStartedAt: string | null;
  /** The sender process (its lease owner) that has the message in hand while "sending". */
  sendingOwner: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Who it goes to: a client (a follow-up) or the workspace's owner (the weekly alert). */
  recipient: OutboxRecipient;
}

/** A follow-up's message: to a client (every message but the owner's). */
export type ClientOutboxMessage = OutboxMessage & { clientId: number };

/** A new message: not yet attempted, held by no sender, to a client unless said otherwise. */
export type NewOutboxMessage = Omit<OutboxMessage, 'id' | 'attempts' | 'sendingOwner' | 'recipient'> &
  Partial<Pick<OutboxMessage, 'recipient'>>;

/** What a move of the message may change. */
export type OutboxChanges = Partial<Pick<OutboxMessage, 'state' | 'nextAttemptAt' | 'lastError' | 'smtpResponse' | 'sentAt' | 'updatedAt'>>;

export function outboxMessageOf(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    clientId: r.client_id,
    followUpId: r.follow_up_id,
    batchId: r.batch_id,
    idempotencyKey: r.idempotency_key,
    messageId: r.message_id,
    toAddress: r.to_address,
    toName: r.to_name,
    subject: r.subject,
    body: r.body,
    listUnsubscribe: r.list_unsubscribe,
    listUnsubscribePost: r.list_unsubscribe_post,
    state: r.state,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    smtpResponse: r.smtp_response,
    sendingStartedAt: r.sending_started_at,
    sendingOwner: r.sending_owner,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    recipient: r.recipient,
  };
}

/** A client's message with its client's name, from a row joined with the client. */
export function clientOutboxMessageOf(
  r: OutboxRow & { client_id: number; client_name: string },
): ClientOutboxMessage & { clientName: string } {
  return { ...outboxMessageOf(r), clientId: r.client_id, clientName: r.client_name };
}

function outboxColumns(c: OutboxChanges) {
  return {
    ...(c.state !== undefined && { state: c.state }),
    ...(c.nextAttemptAt !== undefined && { next_attempt_at: c.nextAttemptAt }),
    ...(c.lastError !== undefined && { last_error: c.lastError }),
    ...(c.smtpResponse !== undefined && { smtp_response: c.smtpResponse }),
    ...(c.sentAt !== undefined && { sent_at: c.sentAt }),
    ...(c.updatedAt !== undefined && { updated_at: c.updatedAt }),
  };
}

/** Inserts the message unless its idempotency key is already there; undefined then. */
export async function insertOutboxMessage(db: Db, m: NewOutboxMessage): Promise<OutboxMessage | undefined> {
  const row = await db
    .insertInto('outbox_messages')
    .values({
      workspace_id: m.workspaceId,
      client_id: m.clientId,
      follow_up_id: m.followUpId,
      batch_id: m.batchId,
      idempotency_key: m.idempotencyKey,
      message_id: m.messageId,
      to_address: m.toAddress,
      to_name: m.toName,
      subject: m.subject,
      body: m.body,
      list_unsubscribe: m.listUnsubscribe,
      list_unsubscribe_post: m.listUnsubscribePost,
      state: m.state,
      next_attempt_at: m.nextAttemptAt,
      last_error: m.lastError,
      smtp_response: m.smtpResponse,
      sending_started_at: m.sendingStartedAt,
      sent_at: m.sentAt,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
      recipient: m.recipient,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && outboxMessageOf(row);
}

export async function getOutboxMessageByKey(db: Db, workspaceId: number, key: string): Promise<OutboxMessage | undefined> {
  const row = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row && outboxMessageOf(row);
}

/** The newest message of a batch (the last weekly alert). */
export async function getLatestOutboxMessage(db: Db, workspaceId: number, batchId: string): Promise<OutboxMessage | undefined> {
  const row = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('batch_id', '=', batchId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && outboxMessageOf(row);
}

export async function getOutboxMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row && outboxMessageOf(row);
}

export async function setOutboxFollowUp(db: Db, id: number, followUpId: number): Promise<void> {
  await db.updateTable('outbox_messages').set({ follow_up_id: followUpId }).where('id', '=', id).execute();
}

/** Due messages of every workspace, oldest first. */
export async function listDueOutboxIds(db: Db, nowIso: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select('id')
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function nextOutboxAttemptAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.min('next_attempt_at').as('next'))
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return row?.next ?? null;
}

/**
 * Takes a queued message for sending, for `owner` (the sender's lease owner, null without one);
 * undefined when another sender took it or it is not queued.
 */
export async function claimOutboxMessage(db: Db, id: number, nowIso: string, owner: string | null): Promise<OutboxMessage | undefined> {
  const row = await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      state: 'sending',
      attempts: eb('attempts', '+', 1),
      sending_started_at: nowIso,
      sending_owner: owner,
      updated_at: nowIso,
    }))
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row && outboxMessageOf(row);
}

/**
 * Moves a message from one state to another; undefined when it was not in `from` (or, with
 * `owner` given, when another sender has it in hand).
 */
export async function moveOutboxMessage(
  db: Db,
  id: number,
  from: OutboxState | readonly OutboxState[],
  changes: OutboxChanges,
  owner?: string | null,
): Promise<OutboxMessage | undefined> {
  let q = db
    .updateTable('outbox_messages')
    .set(outboxColumns(changes))
    .where('id', '=', id)
    .where('state', 'in', typeof from === 'string' ? [from] : [...from]);
  if (owner !== undefined) q = owner === null ? q.where('sending_owner', 'is', null) : q.where('sending_owner', '=', owner);
  const row = await q.returningAll().executeTakeFirst();
  return row && outboxMessageOf(row);
}

/**
 * Every message left "sending" by a sender whose lease has expired (a process that stopped or
 * died; or no owner at all): the mail server may or may not have it. A live sender's messages in
 * hand are left alone.
 */
export async function markSendingUncertain(db: Db, nowIso: string): Promise<OutboxMessage[]> {
  const rows = await db
    .updateTable('outbox_messages')
    .set({
      state: 'uncertain',
      updated_at: nowIso,
      last_error: 'Envoi interrompu : le serveur de messagerie a peut-être reçu ce message. À vérifier avant de le renvoyer.',
    })
    .where('state', '=', 'sending')
    .where((eb) =>
      eb.or([
        eb('sending_owner', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('leases')
              .select('leases.name')
              .whereRef('leases.owner', '=', 'outbox_messages.sending_owner')
              .where('leases.expires_at', '>', nowIso),
          ),
        ),
      ]),
    )
    .returningAll()
    .execute();
  return rows.map(outboxMessageOf);
}

export async function listOutboxMessages(
  db: Db,
  workspaceId: number,
  filter: { batchId?: string; states?: readonly OutboxState[] } = {},
): Promise<(ClientOutboxMessage & { clientName: string })[]> {
  let q = db
    .selectFrom('outbox_messages')
    .innerJoin('clients', 'clients.id', 'outbox_messages.client_id')
    .selectAll('outbox_messages')
    .select('clients.name as client_name')
    .$narrowType<{ client_id: number }>()
    .where('outbox_messages.workspace_id', '=', workspaceId);
  if (filter.batchId !== undefined) q = q.where('outbox_messages.batch_id', '=', filter.batchId);
  if (filter.states !== undefined) q = q.where('outbox_messages.state', 'in', [...filter.states]);
  return (await q.orderBy('outbox_messages.id').execute()).map(clientOutboxMessageOf);
}
