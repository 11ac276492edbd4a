/** What the KPIs and the analytics page read: gigs by client, day, status and type; follow-ups; names. */
import type { Db } from './connection';
import type { FollowUpTable, GigStatus } from './schema';

export interface GigFact {
  clientId: number;
  date: string;
  status: GigStatus;
  type: string | null;
  amountCents: number;
  count: number;
}

/** Done and confirmed gigs of a workspace, added up by client, day, status and type. */
export async function listGigFacts(db: Db, workspaceId: number): Promise<GigFact[]> {
  const rows = await db
    .selectFrom('gigs')
    .select((eb) => [
      'client_id as clientId',
      'date',
      'status',
      'type',
      eb.fn.sum<number>('amount_cents').as('amountCents'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['done', 'confirmed'])
    .groupBy(['client_id', 'date', 'status', 'type'])
    .execute();
  return rows.map((r) => ({
    clientId: r.clientId,
    date: r.date,
    status: r.status,
    type: r.type,
    amountCents: Number(r.amountCents),
    count: Number(r.count),
  }));
}

export interface FollowUpFact {
  clientId: number;
  date: string;
  status: FollowUpTable['status'];
  outcome: 'none' | 'no_answer' | 'answered' | 'booking' | 'declined';
  outcomeDate: string | null;
}

export async function listFollowUpFacts(db: Db, workspaceId: number): Promise<FollowUpFact[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .select(['client_id', 'date', 'status', 'outcome', 'outcome_date'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({ clientId: r.client_id, date: r.date, status: r.status, outcome: r.outcome, outcomeDate: r.outcome_date }));
}

/** The names of the given clients of a workspace, asked 500 at a time. */
export async function listClientNames(db: Db, workspaceId: number, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('clients')
      .select(['id', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}
