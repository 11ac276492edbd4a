/**
 * Where every client of a list stands in the follow-up cadence as of a date: one query per kind of
 * fact (follow-ups, opt-outs, confirmed gigs to come, messages waiting in the outbox), not one per
 * client. The report and the weekly alert read the same cadence as the lists.
 */
import { listClientsWithConfirmedGig, listFollowUpDates, listOptedOutClientIds } from '../db/follow-ups';
import { listClientIdsInOutbox } from '../db/outbox-admin';
import type { Workspace } from '../db/workspaces';
import type { IsoDate } from '../domain/dates';
import { cadenceOf, type Cadence, type FollowUpStatus } from '../domain/follow-ups/cadence';
import type { AppContext } from './context';
import type { ClientView } from './portfolio';

export async function withCadences<C extends ClientView>(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  clients: readonly C[],
): Promise<(C & { cadence: Cadence })[]> {
  const db = ctx.database.db;
  const [followUps, optedOut, booked, inOutbox] = await Promise.all([
    listFollowUpDates(db, workspace.id),
    listOptedOutClientIds(db, workspace.id),
    listClientsWithConfirmedGig(db, workspace.id, asOf),
    listClientIdsInOutbox(db, workspace.id),
  ]);
  const byClient = new Map<number, { date: string; status: FollowUpStatus }[]>();
  for (const f of followUps) byClient.set(f.clientId, [...(byClient.get(f.clientId) ?? []), { date: f.date, status: f.status }]);
  return clients.map((c) => ({
    ...c,
    cadence: cadenceOf({
      asOf,
      status: c.segment.status,
      followUps: byClient.get(c.id) ?? [],
      optedOut: optedOut.has(c.id),
      nextConfirmedGig: booked.has(c.id) ? asOf : null,
      inOutbox: inOutbox.has(c.id),
    }),
  }));
}
