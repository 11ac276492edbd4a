import { sql } from 'kysely';
import type { Db } from './connection';
import { camel, snake, type Camel } from './case';
import type { Client as ClientRow, ClientUpdate as ClientUpdateRow, NewClient as NewClientRow } from './schema';

export type Client = Camel<ClientRow>;
export type NewClient = Camel<NewClientRow>;
export type ClientUpdate = Camel<ClientUpdateRow>;

/** A client with the totals of its done gigs, as the domain's ClientStats wants them. */
export interface ClientWithTotals {
  id: number;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  category: string | null;
  gigs: number;
  revenueCents: number;
  firstDate: string | null;
  lastDate: string | null;
  priceMinCents: number | null;
  priceMaxCents: number | null;
}

/**
 * Every client of a workspace with its totals as of `asOf`. The stored totals (all done gigs)
 * answer when no done gig lies after `asOf`, which is the everyday case; a reference date in
 * the past is answered from the gigs themselves.
 */
export async function listClientsWithTotals(db: Db, workspaceId: number, asOf: string): Promise<ClientWithTotals[]> {
  const latest = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.max('last_date').as('last'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!latest?.last || latest.last <= asOf) {
    return db
      .selectFrom('clients')
      .select([
        'id',
        'name',
        'contact',
        'email',
        'phone',
        'city',
        'category',
        'gig_count as gigs',
        'revenue_cents as revenueCents',
        'first_date as firstDate',
        'last_date as lastDate',
        'price_min_cents as priceMinCents',
        'price_max_cents as priceMaxCents',
      ])
      .where('workspace_id', '=', workspaceId)
      .execute();
  }
  const totals = db
    .selectFrom('gigs')
    .select((eb) => [
      'client_id',
      eb.fn.countAll<number>().as('gigs'),
      eb.fn.sum<number>('amount_cents').as('revenueCents'),
      eb.fn.min('date').as('firstDate'),
      eb.fn.max('date').as('lastDate'),
      eb.fn.min('amount_cents').as('priceMinCents'),
      eb.fn.max('amount_cents').as('priceMaxCents'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'done')
    .where('date', '<=', asOf)
    .groupBy('client_id')
    .as('t');
  const rows = await db
    .selectFrom('clients as c')
    .leftJoin(totals, 't.client_id', 'c.id')
    .select([
      'c.id',
      'c.name',
      'c.contact',
      'c.email',
      'c.phone',
      'c.city',
      'c.category',
      't.gigs',
      't.revenueCents',
      't.firstDate',
      't.lastDate',
      't.priceMinCents',
      't.priceMaxCents',
    ])
    .where('c.workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({
    ...r,
    gigs: Number(r.gigs ?? 0),
    revenueCents: Number(r.revenueCents ?? 0),
    firstDate: r.firstDate ?? null,
    lastDate: r.lastDate ?? null,
    priceMinCents: r.priceMinCents ?? null,
    priceMaxCents: r.priceMaxCents ?? null,
  }));
}

export async function countGigs(db: Db, workspaceId: number, asOf: string): Promise<number> {
  const row = await db
    .selectFrom('gigs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'done')
    .where('date', '<=', asOf)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Recomputes the stored totals of a workspace's clients from their done gigs: of every client,
 * or of those `clientIds` selects (a subquery, so that a million-gig import never ships ids around).
 */
export async function refreshClientTotals(
  db: Db,
  workspaceId: number,
  clientIds?: (db: Db) => ReturnType<typeof selectIds>,
): Promise<void> {
  const scope = clientIds ? clientIds(db) : selectIds(db, workspaceId);
  await db
    .updateTable('clients')
    .set({ gig_count: 0, revenue_cents: 0, first_date: null, last_date: null, price_min_cents: null, price_max_cents: null })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', scope)
    .execute();
  await sql`
    update clients set
      gig_count = t.gigs, revenue_cents = t.revenue, first_date = t.first_date, last_date = t.last_date,
      price_min_cents = t.price_min, price_max_cents = t.price_max
    from (
      select client_id, count(*) as gigs, sum(amount_cents) as revenue, min(date) as first_date, max(date) as last_date,
             min(amount_cents) as price_min, max(amount_cents) as price_max
      from gigs
      where workspace_id = ${workspaceId} and status = 'done' and client_id in (${scope})
      group by client_id
    ) as t
    where clients.id = t.client_id
  `.execute(db);
}

function selectIds(db: Db, workspaceId: number) {
  return db.selectFrom('clients').select('id').where('workspace_id', '=', workspaceId);
}

export type ClientIdScope = (db: Db) => ReturnType<typeof selectIds>;

/** Only the given clients of the workspace, for refreshClientTotals after a change to their gigs. */
export function clientScope(workspaceId: number, ids: readonly number[]): ClientIdScope {
  return (db) =>
    db
      .selectFrom('clients')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', [...ids]);
}

export async function getClientRow(db: Db, workspaceId: number, id: number): Promise<Client | undefined> {
  const row = await db.selectFrom('clients').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && camel(row);
}

export async function getClientByNameKey(db: Db, workspaceId: number, nameKey: string): Promise<Client | undefined> {
  const row = await db
    .selectFrom('clients')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name_key', '=', nameKey)
    .executeTakeFirst();
  return row && camel(row);
}

export async function insertClient(db: Db, client: NewClient): Promise<Client> {
  return camel(await db.insertInto('clients').values(snake<NewClientRow>(client)).returningAll().executeTakeFirstOrThrow());
}

export async function updateClientRow(db: Db, workspaceId: number, id: number, changes: ClientUpdate): Promise<Client | undefined> {
  const row = await db
    .updateTable('clients')
    .set(snake<ClientUpdateRow>(changes))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && camel(row);
}
