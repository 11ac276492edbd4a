/**
 * The record of every follow-up: the checks a message goes through before it is recorded (no
 * placeholder left, the cadence), recording one made outside the app's own sending, confirming or
 * discarding one « à confirmer », its outcome, and "booking obtained" set by the gigs that follow.
 * Sending by e-mail goes through the outbox (../outbox.ts), which uses the same checks.
 */
import { getClientRow } from '../../db/clients';
import type { Db } from '../../db/connection';
import {
  deleteFollowUp,
  getContactPrefs,
  getFollowUp,
  insertFollowUp,
  listFollowUpDates,
  listFollowUps,
  markBookingsObtainedRows,
  updateFollowUp,
  updateFollowUpMessage,
  type FollowUp,
  type FollowUpWithClient,
} from '../../db/follow-ups';
import { listClientIdsInOutbox } from '../../db/outbox-admin';
import { getWorkspace, type Workspace } from '../../db/workspaces';
import type { OutcomeInput, RecordFollowUpInput } from '../../contracts/follow-ups';
import { addDays, type IsoDate } from '../../domain/dates';
import { CADENCE, cadenceOf, initialStatus, type FollowUpChannel } from '../../domain/follow-ups/cadence';
import { leftoverPlaceholder } from '../../domain/follow-ups/templates';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { todayOf } from '../workspace';

export type { FollowUpInput } from '../../contracts/follow-ups';

/** The text about to go out may not keep a `{{…}}` (an edited message is not rendered again). */
export function assertNoPlaceholderLeft(subject: string, body: string): void {
  const left = leftoverPlaceholder(subject) ?? leftoverPlaceholder(body);
  if (left !== null) throw AppError.worded('invalid_input', 'error.placeholderLeft', { left });
}

/**
 * The cadence check every channel goes through: an opted-out client is refused whatever `force`
 * says, and so is one with a message still waiting in the outbox (never two queued to one
 * client); one followed up less than 30 days ago needs `force: true` (the user's confirmation).
 */
export async function assertMayFollowUp(db: Db, workspaceId: number, clientId: number, asOf: IsoDate, force: boolean): Promise<void> {
  const prefs = await getContactPrefs(db, workspaceId, clientId);
  if (prefs?.optedOutAt) {
    throw AppError.worded('conflict', 'cadence.refused.opted_out', undefined, { reason: 'opted_out' });
  }
  if ((await listClientIdsInOutbox(db, workspaceId, clientId)).size > 0) {
    throw AppError.worded('conflict', 'cadence.refused.in_outbox', undefined, { reason: 'in_outbox' });
  }
  const cadence = cadenceOf({
    asOf,
    status: 'active',
    followUps: await listFollowUpDates(db, workspaceId, clientId),
    optedOut: false,
    nextConfirmedGig: null,
  });
  if (cadence.blocked === 'recent_follow_up' && !force) {
    const dates = { lastContact: cadence.lastContact ?? '', allowedFrom: cadence.allowedFrom ?? '' };
    throw AppError.worded('conflict', 'cadence.refused.recent_follow_up', dates, { reason: 'recent_follow_up', ...dates });
  }
}

/** The 90-day window in which a gig counts as obtained by a follow-up, stored with it. */
export function bookingWindow(date: IsoDate, createdAt: Date): { windowEndDate: string; windowEndAt: string } {
  return {
    windowEndDate: addDays(date, CADENCE.bookingWindowDays),
    windowEndAt: new Date(createdAt.getTime() + CADENCE.bookingWindowDays * 86_400_000).toISOString(),
  };
}

export async function requireClient(db: Db, workspace: Workspace, clientId: number) {
  const client = await getClientRow(db, workspace.id, clientId);
  if (!client) throw AppError.worded('not_found', 'error.clientNotFound');
  return client;
}

/**
 * A follow-up made outside the app's own sending: copied, opened in the mail program, downloaded
 * (.eml) — "à confirmer" until the user says it went out —, or made by phone or otherwise (done).
 * With `followUpId` (the one the same generator recorded first), the message is one follow-up:
 * that record takes the new channel and text instead of a second one being made.
 */
export async function recordFollowUp(ctx: AppContext, workspace: Workspace, input: RecordFollowUpInput): Promise<FollowUp> {
  const { channel, ...f } = input;
  if (channel !== 'phone' && channel !== 'other') assertNoPlaceholderLeft(f.subject, f.body);
  const asOf = todayOf(ctx, workspace);
  const now = ctx.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await requireClient(trx, workspace, f.clientId);
    const same = f.followUpId === undefined ? undefined : await getFollowUp(trx, workspace.id, f.followUpId);
    if (same && same.clientId === f.clientId && OUTSIDE_CHANNELS.has(same.channel) && OUTSIDE_CHANNELS.has(channel)) {
      const updated = await updateFollowUpMessage(trx, workspace.id, same.id, {
        channel,
        subject: f.subject,
        body: f.body,
        template: f.template ?? same.template,
      });
      if (updated) return updated;
    }
    await assertMayFollowUp(trx, workspace.id, f.clientId, asOf, f.force === true);
    return insertFollowUp(trx, {
      workspaceId: workspace.id,
      clientId: f.clientId,
      date: asOf,
      channel,
      template: f.template ?? null,
      subject: f.subject,
      body: f.body,
      status: initialStatus(channel),
      error: null,
      outcomeDate: null,
      ...bookingWindow(asOf, now),
      createdAt: now.toISOString(),
      confirmedAt: null,
    });
  });
}

/** The channels of a message taken out of the app by the user, one follow-up whichever way it goes. */
const OUTSIDE_CHANNELS: ReadonlySet<FollowUpChannel> = new Set(['copied', 'mailto', 'eml']);

async function requireFollowUp(db: Db, workspace: Workspace, id: number): Promise<FollowUp> {
  const f = await getFollowUp(db, workspace.id, id);
  if (!f) throw AppError.worded('not_found', 'error.followUpNotFound');
  return f;
}

/** "C'est parti": a copied / mailto / .eml follow-up did go out; from now on it counts for the cadence. */
export async function confirmFollowUp(ctx: AppContext, workspace: Workspace, id: number): Promise<FollowUp> {
  const f = await requireFollowUp(ctx.database.db, workspace, id);
  if (f.status !== 'to_confirm') throw AppError.worded('conflict', 'error.followUp.confirmOnly');
  const updated = await updateFollowUp(ctx.database.db, workspace.id, id, { status: 'sent', confirmedAt: ctx.now().toISOString() });
  await markBookingsObtained(ctx, workspace.id);
  return (await getFollowUp(ctx.database.db, workspace.id, id)) ?? updated ?? f;
}

/** « Tout confirmer envoyé »: every one of these still « à confirmer » went out; the others are left as they are. */
export async function confirmFollowUps(ctx: AppContext, workspace: Workspace, ids: readonly number[]): Promise<number[]> {
  const confirmed: number[] = [];
  const at = ctx.now().toISOString();
  for (const id of new Set(ids)) {
    const f = await getFollowUp(ctx.database.db, workspace.id, id);
    if (f?.status !== 'to_confirm') continue;
    await updateFollowUp(ctx.database.db, workspace.id, id, { status: 'sent', confirmedAt: at });
    confirmed.push(id);
  }
  if (confirmed.length > 0) await markBookingsObtained(ctx, workspace.id);
  return confirmed;
}

/** A copied / mailto / .eml follow-up that never went out: forgotten. */
export async function discardFollowUp(ctx: AppContext, workspace: Workspace, id: number): Promise<void> {
  const f = await requireFollowUp(ctx.database.db, workspace, id);
  if (f.status !== 'to_confirm') throw AppError.worded('conflict', 'error.followUp.abandonOnly');
  await deleteFollowUp(ctx.database.db, workspace.id, id);
}

/** The outcome the user records: no answer, answered, booking obtained, declined (with its date). */
export async function setFollowUpOutcome(ctx: AppContext, workspace: Workspace, id: number, o: OutcomeInput): Promise<FollowUp> {
  await requireFollowUp(ctx.database.db, workspace, id);
  const date = o.outcome === 'none' ? null : (o.date ?? todayOf(ctx, workspace));
  const updated = await updateFollowUp(ctx.database.db, workspace.id, id, { outcome: o.outcome, outcomeDate: date, outcomeAuto: 0 });
  if (!updated) throw AppError.worded('not_found', 'error.followUpNotFound');
  return updated;
}

/**
 * A gig created after a follow-up, for the same client, dated or booked within 90 days of it,
 * marks the follow-up "booking obtained". Call it after every write of gigs (a booking, an
 * import): it is one set-based statement over the workspace, cheap when nothing matches.
 */
export async function markBookingsObtained(ctx: AppContext, workspaceId: number): Promise<number> {
  const workspace = await getWorkspace(ctx.database.db, workspaceId);
  if (!workspace) return 0;
  return markBookingsObtainedRows(ctx.database.db, workspaceId, todayOf(ctx, workspace));
}

// ---------------------------------------------------------------------------------------------
// Listing

/** A follow-up with its client's name (the API's record of it: followUpJson in src/contracts/follow-ups.ts). */
export type FollowUpRecord = FollowUpWithClient;

/** Newest first; of one client for its page's timeline. */
export async function listFollowUpRecords(ctx: AppContext, workspace: Workspace, clientId?: number): Promise<FollowUpRecord[]> {
  return listFollowUps(ctx.database.db, workspace.id, clientId);
}
