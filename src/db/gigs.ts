import type { GigStatus } from '../domain/gigs';
import type { Db } from './connection';
import { camel, snake, type Camel } from './case';
import type { Gig as GigRow, NewGig as NewGigRow } from './schema';

export type Gig = Camel<GigRow>;
export type NewGig = Camel<NewGigRow>;
export type GigChanges = Camel<Partial<Omit<NewGigRow, 'id' | 'workspace_id' | 'created_at'>>>;
export type GigWithClient = Gig & { clientName: string };

const BOOKED: GigStatus[] = ['confirmed', 'option'];

export async function getGig(db: Db, workspaceId: number, id: number): Promise<Gig | undefined> {
  const row = await db.selectFrom('gigs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && camel(row);
}

/** Every gig of a client, past and booked, newest first. */
export async function listGigsOfClient(db: Db, workspaceId: number, clientId: number): Promise<Gig[]> {
  const rows = await db
    .selectFrom('gigs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => camel(r));
}

/** A workspace's gigs with the name of their client. */
function gigsWithClient(db: Db, workspaceId: number) {
  return db
    .selectFrom('gigs')
    .innerJoin('clients', 'clients.id', 'gigs.client_id')
    .selectAll('gigs')
    .select('clients.name as clientName')
    .where('gigs.workspace_id', '=', workspaceId);
}

/** The gigs of a day that still take the date (a cancelled gig frees it). */
export async function listGigsOn(db: Db, workspaceId: number, date: string): Promise<GigWithClient[]> {
  const rows = await gigsWithClient(db, workspaceId)
    .where('gigs.date', '=', date)
    .where('gigs.status', '<>', 'cancelled')
    .orderBy('gigs.id')
    .execute();
  return rows.map((r) => camel(r));
}

/** The gigs from `from` to `to` that take their day (a cancelled gig frees it), by date. */
export async function listGigsBetween(db: Db, workspaceId: number, from: string, to: string, limit: number): Promise<GigWithClient[]> {
  const rows = await gigsWithClient(db, workspaceId)
    .where('gigs.date', '>=', from)
    .where('gigs.date', '<=', to)
    .where('gigs.status', '<>', 'cancelled')
    .orderBy('gigs.date')
    .orderBy('gigs.id')
    .limit(limit)
    .execute();
  return rows.map((r) => camel(r));
}

/** Confirmed and optional gigs from `from` on, soonest first. */
export async function listUpcomingGigs(db: Db, workspaceId: number, from: string, limit: number): Promise<GigWithClient[]> {
  const rows = await gigsWithClient(db, workspaceId)
    .where('gigs.date', '>=', from)
    .where('gigs.status', 'in', BOOKED)
    .orderBy('gigs.date')
    .orderBy('gigs.id')
    .limit(limit)
    .execute();
  return rows.map((r) => camel(r));
}

/** Each client's next booked gig from `from` on: a confirmed one wins over an option on the same day. */
export async function listNextBookings(
  db: Db,
  workspaceId: number,
  from: string,
): Promise<Map<number, { date: string; status: GigStatus }>> {
  const rows = await db
    .selectFrom('gigs')
    .select(['client_id', 'date', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('date', '>=', from)
    .where('status', 'in', BOOKED)
    .orderBy('client_id')
    .orderBy('date')
    .execute();
  const next = new Map<number, { date: string; status: GigStatus }>();
  for (const r of rows) {
    const seen = next.get(r.client_id);
    if (!seen || (seen.date === r.date && r.status === 'confirmed')) next.set(r.client_id, { date: r.date, status: r.status });
  }
  return next;
}

/** The first free rank for a gig identity in the workspace (ranks start at 1, as imports number them). */
export async function nextOccurrence(db: Db, workspaceId: number, dedupeKey: string): Promise<number> {
  const row = await db
    .selectFrom('gigs')
    .select((eb) => eb.fn.max('occurrence').as('last'))
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertGig(db: Db, gig: NewGig): Promise<Gig> {
  return camel(await db.insertInto('gigs').values(snake<NewGigRow>(gig)).returningAll().executeTakeFirstOrThrow());
}

export async function updateGigRow(db: Db, workspaceId: number, id: number, changes: GigChanges): Promise<Gig | undefined> {
  const row = await db
    .updateTable('gigs')
    .set(snake<Partial<Omit<NewGigRow, 'id' | 'workspace_id' | 'created_at'>>>(changes))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && camel(row);
}

export async function deleteGigRow(db: Db, workspaceId: number, id: number): Promise<void> {
  await db.deleteFrom('gigs').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
