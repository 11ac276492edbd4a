/**
 * The outbox page: every recent message with its state, and what the user may do with one —
 * cancel one still waiting (or uncertain), send again one that failed or was cancelled. A
 * cancelled or failed message frees its client at once (only a waiting one holds it back).
 */
import { getClientRow } from '../db/clients';
import { getContactPrefs, updateFollowUp } from '../db/follow-ups';
import { getOutboxMessage, type ClientOutboxMessage, type OutboxMessage } from '../db/outbox';
import { countOutboxStates, listClientIdsInOutbox, listRecentOutboxMessages, requeueOutboxMessage } from '../db/outbox-admin';
import type { Workspace } from '../db/workspaces';
import type { OutboxState } from '../domain/follow-ups/outbox-states';
import { AppError } from './errors';
import type { MailContext } from './mailer';
import { clientMessage, move, outboxView, type OutboxView } from './outbox';

/** The page shows the newest messages; older ones stay in the database. */
export const OUTBOX_PAGE_LIMIT = 200;
/** A failure stays « to look at » on the CRM for a week. */
const RECENT_FAILURE_MS = 7 * 86_400_000;

export interface OutboxListing {
  /** Counts by state over the whole outbox. */
  counts: Record<OutboxState, number>;
  /** What the CRM's panel shows: messages waiting (queued, retrying, sending, uncertain), failures of the last week. */
  attention: { pending: number; failedRecently: number };
  messages: OutboxView[];
}

export async function listOutbox(ctx: MailContext, workspace: Workspace, limit = OUTBOX_PAGE_LIMIT): Promise<OutboxListing> {
  const db = ctx.database.db;
  const [states, rows] = await Promise.all([countOutboxStates(db, workspace.id), listRecentOutboxMessages(db, workspace.id, limit)]);
  const counts: Record<OutboxState, number> = { queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, cancelled: 0 };
  for (const s of states) counts[s.state] = s.count;
  const since = ctx.now().getTime() - RECENT_FAILURE_MS;
  const failedRecently = rows.filter((r) => r.state === 'failed' && Date.parse(r.updatedAt) >= since).length;
  return {
    counts,
    attention: { pending: counts.queued + counts.sending + counts.uncertain, failedRecently },
    messages: rows.map(outboxView),
  };
}

async function requireMessage(ctx: MailContext, workspace: Workspace, id: number): Promise<ClientOutboxMessage> {
  const m = clientMessage(await getOutboxMessage(ctx.database.db, id));
  if (!m || m.workspaceId !== workspace.id) throw AppError.worded('not_found', 'error.messageNotFound');
  return m;
}

async function viewOf(ctx: MailContext, workspace: Workspace, of: ClientOutboxMessage, m: OutboxMessage): Promise<OutboxView> {
  const client = await getClientRow(ctx.database.db, workspace.id, of.clientId);
  return outboxView({ ...m, clientId: of.clientId, clientName: client?.name ?? '' });
}

export const CANCELLED_BY_USER = 'Envoi annulé par vous depuis la boîte d’envoi.';

/**
 * « Annuler »: a message waiting (queued or retrying) or uncertain is not sent; its follow-up
 * turns « échec » with the reason, and the client may be followed up again at once. One the
 * sender holds this very moment cannot be: the answer says to wait for it.
 */
export async function cancelOutboxMessage(ctx: MailContext, workspace: Workspace, id: number): Promise<OutboxView> {
  const m = await requireMessage(ctx, workspace, id);
  if (m.state === 'sending') throw AppError.worded('conflict', 'error.outbox.sending');
  if (m.state !== 'queued' && m.state !== 'uncertain') throw AppError.worded('conflict', 'error.outbox.cancelOnly');
  const moved = await move(ctx, m, ['queued', 'uncertain'], { state: 'cancelled', lastError: CANCELLED_BY_USER });
  if (!moved) throw AppError.worded('conflict', 'error.outbox.changed');
  return viewOf(ctx, workspace, m, moved);
}

/**
 * « Réessayer »: a failed or cancelled message goes back in the queue as it was written, unless
 * the client opted out since or another message to it waits already.
 */
export async function retryOutboxMessage(ctx: MailContext, workspace: Workspace, id: number): Promise<OutboxView> {
  const m = await requireMessage(ctx, workspace, id);
  if (m.state !== 'failed' && m.state !== 'cancelled') throw AppError.worded('conflict', 'error.outbox.resendOnly');
  const db = ctx.database.db;
  const moved = await db.transaction().execute(async (trx) => {
    if ((await getContactPrefs(trx, workspace.id, m.clientId))?.optedOutAt) {
      throw AppError.worded('conflict', 'error.outbox.optedOut', undefined, {
        reason: 'opted_out',
      });
    }
    if ((await listClientIdsInOutbox(trx, workspace.id, m.clientId)).size > 0) {
      throw AppError.worded('conflict', 'error.outbox.inOutbox', undefined, { reason: 'in_outbox' });
    }
    const requeued = await requeueOutboxMessage(trx, m.id, ['failed', 'cancelled'], ctx.now().toISOString());
    if (requeued?.followUpId != null) await updateFollowUp(trx, workspace.id, requeued.followUpId, { status: 'queued', error: null });
    return requeued;
  });
  if (!moved) throw AppError.worded('conflict', 'error.outbox.changed');
  return viewOf(ctx, workspace, m, moved);
}
