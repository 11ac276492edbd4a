/** Follow-ups, the workspace's edited templates and the clients' contact preferences. */
import type { Db } from './connection';
import type { FollowUp, FollowUpTable, NewFollowUp } from './schema';

export type FollowUpWithClient = FollowUp & { client_name: string };

export async function insertFollowUp(db: Db, row: NewFollowUp): Promise<FollowUp> {
  return db.insertInto('follow_ups').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getFollowUp(db: Db, workspaceId: number, id: number): Promise<FollowUp | undefined> {
  return db.selectFrom('follow_ups').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Newest first; of one client when `clientId` is given. */
export async function listFollowUps(db: Db, workspaceId: number, clientId?: number): Promise<FollowUpWithClient[]> {
  let q = db
    .selectFrom('follow_ups')
    .innerJoin('clients', 'clients.id', 'follow_ups.client_id')
    .selectAll('follow_ups')
    .select('clients.name as client_name')
    .where('follow_ups.workspace_id', '=', workspaceId);
  if (clientId !== undefined) q = q.where('follow_ups.client_id', '=', clientId);
  return q.orderBy('follow_ups.date', 'desc').orderBy('follow_ups.id', 'desc').execute();
}

/** What the cadence needs of every follow-up of a workspace (or of one client). */
export async function listFollowUpDates(
  db: Db,
  workspaceId: number,
  clientId?: number,
): Promise<{ client_id: number; date: string; status: FollowUpTable['status'] }[]> {
  let q = db.selectFrom('follow_ups').select(['client_id', 'date', 'status']).where('workspace_id', '=', workspaceId);
  if (clientId !== undefined) q = q.where('client_id', '=', clientId);
  return q.execute();
}

export async function updateFollowUpRow(
  db: Db,
  workspaceId: number,
  id: number,
  changes: Partial<Pick<FollowUp, 'status' | 'error' | 'outcome' | 'outcome_date' | 'outcome_auto' | 'confirmed_at'>>,
): Promise<FollowUp | undefined> {
  return db
    .updateTable('follow_ups')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The message of a follow-up made outside the app (copied, mail program, .eml) as the user last took it out. */
export async function updateFollowUpMessage(
  db: Db,
  workspaceId: number,
  id: number,
  changes: Pick<FollowUp, 'channel' | 'subject' | 'body' | 'template'>,
): Promise<FollowUp | undefined> {
  return db
    .updateTable('follow_ups')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteFollowUpRow(db: Db, workspaceId: number, id: number): Promise<void> {
  await db.deleteFrom('follow_ups').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/**
 * Marks "booking obtained" on every sent follow-up of the workspace that a gig created after it
 * answers: a gig of the same client, not cancelled, dated from the follow-up's day on, and either
 * dated or booked within its window. An outcome the user set to "declined" is left alone. One
 * statement, whatever the number of gigs an import brought.
 */
export async function markBookingsObtainedRows(db: Db, workspaceId: number, today: string): Promise<number> {
  const result = await db
    .updateTable('follow_ups')
    .set({ outcome: 'booking', outcome_date: today, outcome_auto: 1 })
    .where('follow_ups.workspace_id', '=', workspaceId)
    .where('follow_ups.status', '=', 'sent')
    .where('follow_ups.outcome', 'in', ['none', 'no_answer', 'answered'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('gigs')
          .select('gigs.id')
          .where('gigs.workspace_id', '=', workspaceId)
          .whereRef('gigs.client_id', '=', 'follow_ups.client_id')
          .where('gigs.status', '<>', 'cancelled')
          .whereRef('gigs.created_at', '>=', 'follow_ups.created_at')
          .whereRef('gigs.date', '>=', 'follow_ups.date')
          .where((w) =>
            w.or([
              w('gigs.date', '<=', w.ref('follow_ups.window_end_date')),
              w('gigs.created_at', '<=', w.ref('follow_ups.window_end_at')),
            ]),
          ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listTemplateRows(db: Db, workspaceId: number) {
  return db.selectFrom('follow_up_templates').selectAll().where('workspace_id', '=', workspaceId).execute();
}

export async function upsertTemplateRow(
  db: Db,
  workspaceId: number,
  key: string,
  subject: string,
  body: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('follow_up_templates')
    .values({ workspace_id: workspaceId, key, subject, body, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet({ subject, body, updated_at: now }))
    .execute();
}

export async function deleteTemplateRow(db: Db, workspaceId: number, key: string): Promise<void> {
  await db.deleteFrom('follow_up_templates').where('workspace_id', '=', workspaceId).where('key', '=', key).execute();
}

export async function getContactPrefs(db: Db, workspaceId: number, clientId: number) {
  return db
    .selectFrom('client_contact_prefs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** The client's preferences, created with `token` as its unsubscribe secret when it has none. */
export async function ensureContactPrefs(db: Db, workspaceId: number, clientId: number, token: string) {
  await db
    .insertInto('client_contact_prefs')
    .values({ client_id: clientId, workspace_id: workspaceId, opted_out_at: null, opt_out_source: null, unsubscribe_token: token })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  return db.selectFrom('client_contact_prefs').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
}

export async function setOptedOut(db: Db, clientId: number, at: string | null, source: 'user' | 'unsubscribe_link' | null): Promise<void> {
  await db
    .updateTable('client_contact_prefs')
    .set({ opted_out_at: at, opt_out_source: source })
    .where('client_id', '=', clientId)
    .execute();
}

export async function getContactPrefsByToken(db: Db, token: string) {
  return db.selectFrom('client_contact_prefs').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst();
}

export async function listOptedOutClientIds(db: Db, workspaceId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('client_contact_prefs')
    .select('client_id')
    .where('workspace_id', '=', workspaceId)
    .where('opted_out_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.client_id));
}

/** Clients with a confirmed gig on or after `from`: they are not offered a follow-up. */
export async function listClientsWithConfirmedGig(db: Db, workspaceId: number, from: string, clientId?: number): Promise<Set<number>> {
  let q = db
    .selectFrom('gigs')
    .select('client_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'confirmed')
    .where('date', '>=', from);
  if (clientId !== undefined) q = q.where('client_id', '=', clientId);
  return new Set((await q.execute()).map((r) => r.client_id));
}

/** The days booked gigs (confirmed or option) take after `after`: they are not free to offer. */
export async function listTakenDates(db: Db, workspaceId: number, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('gigs')
    .select('date')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['confirmed', 'option'])
    .where('date', '>', after)
    .execute();
  return rows.map((r) => r.date);
}
