/** The figures of a workspace's portfolio as of a date: the overview and the client lists. */
import type { IsoDate } from '../domain/dates';
import {
  CLIENT_STATUSES,
  classifyClient,
  compareClients,
  inSegment,
  segmentClient,
  type Classification,
  type ClientSegment,
  type ClientStats,
  type ClientSort,
  type ClientStatus,
  type SegmentFilter,
} from '../domain/segments';
import { listClientsWithTotals, type ClientWithTotals } from '../db/clients';
import type { Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { thresholdsOf } from './settings';

export interface ClientView extends Omit<
  ClientWithTotals,
  'gigs' | 'revenueCents' | 'firstDate' | 'lastDate' | 'priceMinCents' | 'priceMaxCents'
> {
  segment: ClientSegment;
}

export interface Overview {
  asOf: IsoDate;
  clients: number;
  gigs: number;
  revenueCents: number;
  vip: number;
  statuses: Record<ClientStatus, number>;
}

async function segmentedClients(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<ClientView[]> {
  const thresholds = thresholdsOf(workspace.settings);
  const rows = await listClientsWithTotals(ctx.database.db, workspace.id, asOf);
  return rows.map(({ gigs, revenueCents, firstDate, lastDate, priceMinCents, priceMaxCents, ...client }) => ({
    ...client,
    segment: segmentClient({ gigs, revenueCents, firstDate, lastDate, priceMinCents, priceMaxCents }, asOf, thresholds),
  }));
}

/** Status and VIP are all the overview needs: no priority or potential for 20,000 clients. */
export async function getOverview(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Overview> {
  const thresholds = thresholdsOf(workspace.settings);
  const rows = await listClientsWithTotals(ctx.database.db, workspace.id, asOf);
  return overviewOf(
    asOf,
    rows.map((stats) => ({ segment: { ...classifyClient(stats, asOf, thresholds), stats } })),
  );
}

/** The overview's figures from clients already segmented (the web server's cache holds them). */
export function overviewOf(asOf: IsoDate, clients: readonly { segment: Classification & { stats: ClientStats } }[]): Overview {
  const statuses = Object.fromEntries(CLIENT_STATUSES.map((s) => [s, 0])) as Record<ClientStatus, number>;
  let gigs = 0;
  let revenueCents = 0;
  let vip = 0;
  for (const c of clients) {
    statuses[c.segment.status] += 1;
    gigs += c.segment.stats.gigs;
    revenueCents += c.segment.stats.revenueCents;
    if (c.segment.vip) vip += 1;
  }
  return { asOf, clients: clients.length, gigs, revenueCents, vip, statuses };
}

export async function listClients(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  options: { segment?: SegmentFilter; sort?: ClientSort } = {},
): Promise<ClientView[]> {
  const all = await segmentedClients(ctx, workspace, asOf);
  const segment = options.segment;
  const chosen = segment ? all.filter((c) => inSegment(c.segment, segment)) : all;
  return chosen.sort(compareClients(options.sort ?? 'name'));
}
