/**
 * What the user does with the outbox (the outbox page): who has a message waiting, the newest
 * messages, and putting a failed or cancelled one back in the queue. The sender's own moves stay
 * in outbox.ts.
 */
import type { Db } from './connection';
import type { OutboxState } from '../domain/follow-ups/outbox-states';
import { clientOutboxMessageOf, outboxMessageOf, type ClientOutboxMessage, type OutboxMessage } from './outbox';

/** The states in which a message may still reach its client: it holds the client back. */
export const PENDING_OUTBOX_STATES: readonly OutboxState[] = ['queued', 'sending', 'uncertain'];

/** Clients of the workspace (or the one client) with a message waiting in the outbox. */
export async function listClientIdsInOutbox(db: Db, workspaceId: number, clientId?: number): Promise<Set<number>> {
  let q = db
    .selectFrom('outbox_messages')
    .select('client_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('state', 'in', [...PENDING_OUTBOX_STATES])
    .where('client_id', 'is not', null)
    .$narrowType<{ client_id: number }>();
  if (clientId !== undefined) q = q.where('client_id', '=', clientId);
  return new Set((await q.execute()).map((r) => r.client_id));
}

/** The newest messages first, at most `limit`, with their client's name. */
export async function listRecentOutboxMessages(
  db: Db,
  workspaceId: number,
  limit: number,
): Promise<(ClientOutboxMessage & { clientName: string })[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .innerJoin('clients', 'clients.id', 'outbox_messages.client_id')
    .selectAll('outbox_messages')
    .select('clients.name as client_name')
    .$narrowType<{ client_id: number }>()
    .where('outbox_messages.workspace_id', '=', workspaceId)
    .orderBy('outbox_messages.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(clientOutboxMessageOf);
}

/** Counts by state of the workspace's outbox of follow-ups (the owner's weekly alerts are not in it). */
export async function countOutboxStates(db: Db, workspaceId: number): Promise<{ state: OutboxState; count: number }[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select((eb) => ['state', eb.fn.countAll().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('recipient', '=', 'client')
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.count) }));
}

/** « Réessayer »: a failed or cancelled message goes back in the queue with its attempts counted afresh. */
export async function requeueOutboxMessage(
  db: Db,
  id: number,
  from: readonly OutboxState[],
  nowIso: string,
): Promise<OutboxMessage | undefined> {
  const row = await db
    .updateTable('outbox_messages')
    .set({ state: 'queued', attempts: 0, next_attempt_at: nowIso, last_error: null, updated_at: nowIso })
    .where('id', '=', id)
    .where('state', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
  return row && outboxMessageOf(row);
}
