/**
 * The durable outbox of e-mails. A message moves queued → sending → sent | failed | queued again
 * (a retry) | uncertain (the sending process died while the mail server had it); every move is a
 * conditional update, so that two senders never take the same message.
 */
import type { Db } from './connection';
import type { ClientOutboxMessage, NewOutboxMessage, OutboxMessage, OutboxState } from './schema';

/** Inserts the message unless its idempotency key is already there; undefined then. */
export async function insertOutboxMessage(db: Db, row: NewOutboxMessage): Promise<OutboxMessage | undefined> {
  return db
    .insertInto('outbox_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function getOutboxMessageByKey(db: Db, workspaceId: number, key: string): Promise<OutboxMessage | undefined> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The newest message of a batch (the last weekly alert). */
export async function getLatestOutboxMessage(db: Db, workspaceId: number, batchId: string): Promise<OutboxMessage | undefined> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('batch_id', '=', batchId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function getOutboxMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  return db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
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
  return db
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
}

/**
 * Moves a message from one state to another; undefined when it was not in `from` (or, with
 * `owner` given, when another sender has it in hand).
 */
export async function moveOutboxMessage(
  db: Db,
  id: number,
  from: OutboxState | readonly OutboxState[],
  changes: Partial<Pick<OutboxMessage, 'state' | 'next_attempt_at' | 'last_error' | 'smtp_response' | 'sent_at' | 'updated_at'>>,
  owner?: string | null,
): Promise<OutboxMessage | undefined> {
  let q = db
    .updateTable('outbox_messages')
    .set(changes)
    .where('id', '=', id)
    .where('state', 'in', typeof from === 'string' ? [from] : [...from]);
  if (owner !== undefined) q = owner === null ? q.where('sending_owner', 'is', null) : q.where('sending_owner', '=', owner);
  return q.returningAll().executeTakeFirst();
}

/**
 * Every message left "sending" by a sender whose lease has expired (a process that stopped or
 * died; or no owner at all): the mail server may or may not have it. A live sender's messages in
 * hand are left alone.
 */
export async function markSendingUncertain(db: Db, nowIso: string): Promise<OutboxMessage[]> {
  return db
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
}

export async function listOutboxMessages(
  db: Db,
  workspaceId: number,
  filter: { batchId?: string; states?: readonly OutboxState[] } = {},
): Promise<(ClientOutboxMessage & { client_name: string })[]> {
  let q = db
    .selectFrom('outbox_messages')
    .innerJoin('clients', 'clients.id', 'outbox_messages.client_id')
    .selectAll('outbox_messages')
    .select('clients.name as client_name')
    .$narrowType<{ client_id: number }>()
    .where('outbox_messages.workspace_id', '=', workspaceId);
  if (filter.batchId !== undefined) q = q.where('outbox_messages.batch_id', '=', filter.batchId);
  if (filter.states !== undefined) q = q.where('outbox_messages.state', 'in', [...filter.states]);
  return q.orderBy('outbox_messages.id').execute();
}
