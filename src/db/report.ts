import type { Db } from './connection';

/** Done gigs dated within [from, to]: how many, their revenue, how many distinct clients. */
export async function getPeriodTotals(
  db: Db,
  workspaceId: number,
  from: string,
  to: string,
): Promise<{ gigs: number; revenueCents: number; clients: number }> {
  const row = await db
    .selectFrom('gigs')
    .select((eb) => [
      eb.fn.countAll<number>().as('gigs'),
      eb.fn.sum<number>('amount_cents').as('revenue'),
      eb.fn.count<number>('client_id').distinct().as('clients'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'done')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirstOrThrow();
  return { gigs: Number(row.gigs), revenueCents: Number(row.revenue ?? 0), clients: Number(row.clients) };
}

/** The name of the workspace's first account (its owner), if any. */
export async function getOwnerName(db: Db, workspaceId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('workspace_id', '=', workspaceId).orderBy('id').limit(1).executeTakeFirst();
  return row?.name ?? null;
}
