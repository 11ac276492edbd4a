/**
 * Gigs booked from the web app ("Nouveau RDV"), and their editing. Every change recomputes the
 * stored totals of the clients concerned and bumps the data version, in one transaction.
 */
import { clientScope, getClientRow, refreshClientTotals } from '../db/clients';
import type { Db } from '../db/connection';
import {
  deleteGigRow,
  getGig,
  insertGig,
  listGigsBetween,
  listGigsOn,
  listUpcomingGigs,
  nextOccurrence,
  updateGigRow,
  type Gig,
  type GigWithClient,
} from '../db/gigs';
import type { GigStatus } from '../domain/gigs';
import { bumpDataVersion, type Workspace } from '../db/workspaces';
import { doubleBookedDays, monthBounds } from '../domain/agenda';
import type { IsoDate } from '../domain/dates';
import { gigIdentity } from '../domain/gig-identity';
import type { Cents } from '../domain/money';
import type { AppContext } from './context';
import { markBookingsObtained } from './follow-ups/record';
import { AppError } from './errors';
import type { ClientGig as ClientGigJson, Gig as GigJson } from '../contracts/clients';
import { todayOf } from './workspace';
import { centsToEuros } from '../domain/money';

/** A gig as the API shows it (src/contracts/clients.ts): its amount in euros. */
export function gigJson(g: Gig): GigJson {
  return {
    id: g.id,
    date: g.date,
    amount: centsToEuros(Number(g.amountCents)),
    status: g.status,
    type: g.type,
    venue: g.venue,
    city: g.city,
    durationMinutes: g.durationMinutes,
    notes: g.notes,
    reference: g.reference,
  };
}

export function gigWithClientJson(g: GigWithClient): ClientGigJson {
  return { ...gigJson(g), clientId: g.clientId, clientName: g.clientName };
}

export interface BookingFields {
  clientId: number;
  date: IsoDate;
  amountCents: Cents;
  status: GigStatus;
  type: string | null;
  venue: string | null;
  city: string | null;
  durationMinutes: number | null;
  notes: string | null;
}

function gigNotFound(): AppError {
  return AppError.worded('not_found', 'error.gigNotFound');
}

async function clientOf(trx: Db, workspace: Workspace, clientId: number) {
  const client = await getClientRow(trx, workspace.id, clientId);
  if (!client) throw AppError.worded('not_found', 'error.clientNotFound');
  return client;
}

async function afterChange(trx: Db, workspace: Workspace, clientIds: number[]): Promise<void> {
  await refreshClientTotals(trx, workspace.id, clientScope(workspace.id, clientIds));
  await bumpDataVersion(trx, workspace.id);
}

export async function listGigsOnDate(ctx: AppContext, workspace: Workspace, date: IsoDate): Promise<GigWithClient[]> {
  return listGigsOn(ctx.database.db, workspace.id, date);
}

export async function listUpcoming(ctx: AppContext, workspace: Workspace, asOf: IsoDate, limit: number): Promise<GigWithClient[]> {
  return listUpcomingGigs(ctx.database.db, workspace.id, asOf, limit);
}

/** A month of the agenda (`YYYY-MM`, default: today's), its double bookings, and today. */
export async function listAgendaMonth(ctx: AppContext, workspace: Workspace, month: string | undefined, limit: number) {
  const today = todayOf(ctx, workspace);
  const shown = month ?? today.slice(0, 7);
  const { from, to } = monthBounds(shown);
  const gigs = await listGigsBetween(ctx.database.db, workspace.id, from, to, limit);
  return { month: shown, today, gigs, doubleBooked: doubleBookedDays(gigs) };
}

/**
 * A new gig, with the other gigs already on that day so that the user is warned. A date before
 * today (in the workspace's time zone) is a gig already played: only `done` is accepted for it.
 */
export async function createBooking(
  ctx: AppContext,
  workspace: Workspace,
  b: BookingFields,
): Promise<{ gig: Gig; sameDay: GigWithClient[] }> {
  if (b.date < todayOf(ctx, workspace) && b.status !== 'done') {
    throw AppError.worded('invalid_input', 'error.booking.past');
  }
  const now = ctx.now().toISOString();
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    const client = await clientOf(trx, workspace, b.clientId);
    // The identity an import of the same gig would compute, so that importing it later matches it.
    const dedupeKey = gigIdentity({ clientName: client.name, date: b.date, amountCents: b.amountCents, type: b.type });
    const gig = await insertGig(trx, {
      workspaceId: workspace.id,
      clientId: client.id,
      date: b.date,
      amountCents: b.amountCents,
      status: b.status,
      type: b.type,
      venue: b.venue,
      city: b.city,
      durationMinutes: b.durationMinutes,
      notes: b.notes,
      reference: null,
      dedupeKey: dedupeKey,
      occurrence: await nextOccurrence(trx, workspace.id, dedupeKey),
      importId: null,
      createdAt: now,
      updatedAt: now,
    });
    await afterChange(trx, workspace, [client.id]);
    const sameDay = (await listGigsOn(trx, workspace.id, b.date)).filter((g) => g.id !== gig.id);
    return { gig, sameDay };
  });
  // A booking within 90 days of a follow-up is what the follow-up obtained.
  await markBookingsObtained(ctx, workspace.id);
  return result;
}

export async function updateBooking(ctx: AppContext, workspace: Workspace, id: number, changes: Partial<BookingFields>): Promise<Gig> {
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    const gig = await getGig(trx, workspace.id, id);
    if (!gig) throw gigNotFound();
    const client = await clientOf(trx, workspace, changes.clientId ?? gig.clientId);
    const next = {
      clientId: client.id,
      date: changes.date ?? gig.date,
      amountCents: changes.amountCents ?? Number(gig.amountCents),
      status: changes.status ?? gig.status,
      type: changes.type !== undefined ? changes.type : gig.type,
      venue: changes.venue !== undefined ? changes.venue : gig.venue,
      city: changes.city !== undefined ? changes.city : gig.city,
      durationMinutes: changes.durationMinutes !== undefined ? changes.durationMinutes : gig.durationMinutes,
      notes: changes.notes !== undefined ? changes.notes : gig.notes,
      updatedAt: ctx.now().toISOString(),
    };
    // A gig from a file keeps the identity of its row there, so that importing the file again
    // updates it rather than adding it twice; a gig booked here is identified by its values.
    let identity = {};
    if (gig.importId === null && gig.reference === null) {
      const dedupeKey = gigIdentity({ clientName: client.name, date: next.date, amountCents: next.amountCents, type: next.type });
      if (dedupeKey !== gig.dedupeKey) identity = { dedupeKey, occurrence: await nextOccurrence(trx, workspace.id, dedupeKey) };
    }
    const updated = await updateGigRow(trx, workspace.id, id, { ...next, ...identity });
    await afterChange(trx, workspace, [...new Set([gig.clientId, client.id])]);
    return updated ?? gig;
  });
  await markBookingsObtained(ctx, workspace.id);
  return result;
}

export async function deleteBooking(ctx: AppContext, workspace: Workspace, id: number): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const gig = await getGig(trx, workspace.id, id);
    if (!gig) throw gigNotFound();
    await deleteGigRow(trx, workspace.id, id);
    await afterChange(trx, workspace, [gig.clientId]);
  });
}
