/**
 * Follow-ups, the workspace's edited templates and the clients' contact preferences. Rows stay
 * here: every function takes and returns the camelCase values below.
 */
import type { FollowUpChannel, FollowUpOutcome, FollowUpStatus } from '../domain/follow-ups/cadence';
import type { TemplateKey } from '../domain/follow-ups/templates';
import type { Db } from './connection';
import type { Schema } from './schema';
import type { Selectable } from 'kysely';

type FollowUpRow = Selectable<Schema['follow_ups']>;
type ContactPrefsRow = Selectable<Schema['client_contact_prefs']>;

export interface FollowUp {
  id: number;
  workspaceId: number;
  clientId: number;
  /** The calendar day it was made (today in the workspace's time zone). */
  date: string;
  channel: FollowUpChannel;
  /** The template it started from; null when written from scratch. */
  template: TemplateKey | null;
  subject: string;
  body: string;
  status: FollowUpStatus;
  error: string | null;
  outcome: FollowUpOutcome;
  outcomeDate: string | null;
  /** 0: set by the user; 1: by a gig booked within the window; 2: by a reply read from the mailbox. */
  outcomeAuto: number;
  /** The 90-day window in which a gig counts as obtained by it. */
  windowEndDate: string;
  windowEndAt: string;
  createdAt: string;
  confirmedAt: string | null;
}

/** A new follow-up: its outcome is "none", set by no one, unless given (a restored workspace). */
export type NewFollowUp = Omit<FollowUp, 'id' | 'outcome' | 'outcomeAuto'> & Partial<Pick<FollowUp, 'outcome' | 'outcomeAuto'>>;

export type FollowUpWithClient = FollowUp & { clientName: string };

export interface ContactPrefs {
  clientId: number;
  workspaceId: number;
  /** Set: "ne plus contacter". */
  optedOutAt: string | null;
  optOutSource: 'user' | 'unsubscribe_link' | null;
  unsubscribeToken: string;
  /** Set when a bounce came back for the client's address. */
  emailFailingAt: string | null;
  emailFailingReason: string | null;
}

/** A template the workspace edited. */
export interface EditedTemplate {
  key: string;
  subject: string;
  body: string;
  updatedAt: string;
}

export function followUpOf(r: FollowUpRow): FollowUp {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    clientId: r.client_id,
    date: r.date,
    channel: r.channel,
    // Written only from the contract's template keys.
    template: r.template as TemplateKey | null,
    subject: r.subject,
    body: r.body,
    status: r.status,
    error: r.error,
    outcome: r.outcome,
    outcomeDate: r.outcome_date,
    outcomeAuto: Number(r.outcome_auto),
    windowEndDate: r.window_end_date,
    windowEndAt: r.window_end_at,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
  };
}

function contactPrefsOf(r: ContactPrefsRow): ContactPrefs {
  return {
    clientId: r.client_id,
    workspaceId: r.workspace_id,
    optedOutAt: r.opted_out_at,
    optOutSource: r.opt_out_source,
    unsubscribeToken: r.unsubscribe_token,
    emailFailingAt: r.email_failing_at,
    emailFailingReason: r.email_failing_reason,
  };
}

type FollowUpChanges = Partial<Pick<FollowUp, 'status' | 'error' | 'outcome' | 'outcomeDate' | 'outcomeAuto' | 'confirmedAt'>>;

/** The columns of the changes given (an absent field is left alone). */
function followUpColumns(c: FollowUpChanges & Partial<Pick<FollowUp, 'channel' | 'subject' | 'body' | 'template'>>) {
  return {
    ...(c.status !== undefined && { status: c.status }),
    ...(c.error !== undefined && { error: c.error }),
    ...(c.outcome !== undefined && { outcome: c.outcome }),
    ...(c.outcomeDate !== undefined && { outcome_date: c.outcomeDate }),
    ...(c.outcomeAuto !== undefined && { outcome_auto: c.outcomeAuto }),
    ...(c.confirmedAt !== undefined && { confirmed_at: c.confirmedAt }),
    ...(c.channel !== undefined && { channel: c.channel }),
    ...(c.subject !== undefined && { subject: c.subject }),
    ...(c.body !== undefined && { body: c.body }),
    ...(c.template !== undefined && { template: c.template }),
  };
}

export async function insertFollowUp(db: Db, f: NewFollowUp): Promise<FollowUp> {
  const row = await db
    .insertInto('follow_ups')
    .values({
      workspace_id: f.workspaceId,
      client_id: f.clientId,
      date: f.date,
      channel: f.channel,
      template: f.template,
      subject: f.subject,
      body: f.body,
      status: f.status,
      error: f.error,
      outcome: f.outcome,
      outcome_date: f.outcomeDate,
      outcome_auto: f.outcomeAuto,
      window_end_date: f.windowEndDate,
      window_end_at: f.windowEndAt,
      created_at: f.createdAt,
      confirmed_at: f.confirmedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return followUpOf(row);
}

export async function getFollowUp(db: Db, workspaceId: number, id: number): Promise<FollowUp | undefined> {
  const row = await db.selectFrom('follow_ups').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && followUpOf(row);
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
  const rows = await q.orderBy('follow_ups.date', 'desc').orderBy('follow_ups.id', 'desc').execute();
  return rows.map((r) => ({ ...followUpOf(r), clientName: r.client_name }));
}

/** What the cadence needs of every follow-up of a workspace (or of one client). */
export async function listFollowUpDates(
  db: Db,
  workspaceId: number,
  clientId?: number,
): Promise<{ clientId: number; date: string; status: FollowUpStatus }[]> {
  let q = db.selectFrom('follow_ups').select(['client_id', 'date', 'status']).where('workspace_id', '=', workspaceId);
  if (clientId !== undefined) q = q.where('client_id', '=', clientId);
  return (await q.execute()).map((r) => ({ clientId: r.client_id, date: r.date, status: r.status }));
}

export async function updateFollowUp(db: Db, workspaceId: number, id: number, changes: FollowUpChanges): Promise<FollowUp | undefined> {
  const row = await db
    .updateTable('follow_ups')
    .set(followUpColumns(changes))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && followUpOf(row);
}

/** The message of a follow-up made outside the app (copied, mail program, .eml) as the user last took it out. */
export async function updateFollowUpMessage(
  db: Db,
  workspaceId: number,
  id: number,
  changes: Pick<FollowUp, 'channel' | 'subject' | 'body' | 'template'>,
): Promise<FollowUp | undefined> {
  const row = await db
    .updateTable('follow_ups')
    .set(followUpColumns(changes))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && followUpOf(row);
}

export async function deleteFollowUp(db: Db, workspaceId: number, id: number): Promise<void> {
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

export async function listEditedTemplates(db: Db, workspaceId: number): Promise<EditedTemplate[]> {
  const rows = await db.selectFrom('follow_up_templates').selectAll().where('workspace_id', '=', workspaceId).execute();
  return rows.map((r) => ({ key: r.key, subject: r.subject, body: r.body, updatedAt: r.updated_at }));
}

export async function upsertEditedTemplate(
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

export async function deleteEditedTemplate(db: Db, workspaceId: number, key: string): Promise<void> {
  await db.deleteFrom('follow_up_templates').where('workspace_id', '=', workspaceId).where('key', '=', key).execute();
}

export async function getContactPrefs(db: Db, workspaceId: number, clientId: number): Promise<ContactPrefs | undefined> {
  const row = await db
    .selectFrom('client_contact_prefs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row && contactPrefsOf(row);
}

/** The client's preferences, created with `token` as its unsubscribe secret when it has none. */
export async function ensureContactPrefs(db: Db, workspaceId: number, clientId: number, token: string): Promise<ContactPrefs> {
  await db
    .insertInto('client_contact_prefs')
    .values({ client_id: clientId, workspace_id: workspaceId, opted_out_at: null, opt_out_source: null, unsubscribe_token: token })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  return contactPrefsOf(
    await db.selectFrom('client_contact_prefs').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow(),
  );
}

export async function setOptedOut(db: Db, clientId: number, at: string | null, source: 'user' | 'unsubscribe_link' | null): Promise<void> {
  await db
    .updateTable('client_contact_prefs')
    .set({ opted_out_at: at, opt_out_source: source })
    .where('client_id', '=', clientId)
    .execute();
}

export async function getContactPrefsByToken(db: Db, token: string): Promise<ContactPrefs | undefined> {
  const row = await db.selectFrom('client_contact_prefs').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst();
  return row && contactPrefsOf(row);
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
