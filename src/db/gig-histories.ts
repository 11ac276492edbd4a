import type { Db } from './connection';

export interface GigDay {
  clientId: number;
  date: string;
  amountCents: number;
}

/**
 * The done gigs of a workspace dated in (`after`, `until`], one row per client and day (amounts
 * of one day added), ordered by client then date: the histories the prediction models read.
 */
export async function listGigDays(db: Db, workspaceId: number, until: string, after?: string): Promise<GigDay[]> {
  let q = db
    .selectFrom('gigs')
    .select((eb) => ['client_id as clientId', 'date', eb.fn.sum<number>('amount_cents').as('amountCents')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'done')
    .where('date', '<=', until);
  if (after !== undefined) q = q.where('date', '>', after);
  const rows = await q.groupBy(['client_id', 'date']).orderBy('client_id').orderBy('date').execute();
  return rows.map((r) => ({ clientId: r.clientId, date: r.date, amountCents: Number(r.amountCents) }));
}
