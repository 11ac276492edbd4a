/** The KPIs of the guide and the analytics page's series, for a workspace and a period. */
import { chartsJson, idsToName, kpisJson, type DashboardJson, type KpisJson, type KpisQuery } from '../contracts/kpis';
import { listClientNames, listFollowUpFacts, listGigFacts } from '../db/analytics';
import type { Workspace } from '../db/workspaces';
import { computeCharts, type Charts } from '../domain/analytics';
import { calendarDateIn, daysBetween, isIsoDate, type IsoDate } from '../domain/dates';
import { computeKpis, yearEndingOn, type Kpis, type Period } from '../domain/kpis';
import type { Thresholds } from '../domain/segments';
import type { AppContext } from './context';
import { AppError } from './errors';
import { getOverview, listClientIds } from './portfolio';
import { thresholdsOf } from './settings';

/** A period longer than this is refused: the monthly series and the lists stay bounded. */
export const MAX_PERIOD_DAYS = 100 * 366;

/**
 * The period asked, both ends included. Without `to`: `asOf`, else today in the workspace's time
 * zone — not its fixed reference date, so that the follow-ups made today count. Without `from`:
 * the year ending on `to`.
 */
export function periodOf(ctx: AppContext, workspace: Workspace, query: KpisQuery): Period {
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && !isIsoDate(value)) throw AppError.worded('usage', 'error.kpis.badDate', { name, value });
  }
  const to: IsoDate = query.to ?? query.asOf ?? calendarDateIn(workspace.timeZone, ctx.now());
  const from = query.from ?? yearEndingOn(to).from;
  if (from > to) throw AppError.worded('usage', 'error.kpis.badPeriod', { from, to });
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) throw AppError.worded('usage', 'error.kpis.tooLong');
  return { from, to };
}

async function loadFacts(ctx: AppContext, workspace: Workspace, period: Period) {
  const db = ctx.database.db;
  const [gigs, followUps, overview, activeClientIds] = await Promise.all([
    listGigFacts(db, workspace.id),
    listFollowUpFacts(db, workspace.id),
    // The overview's active share at the period's end, and the clients behind it (the KPIs name them).
    getOverview(ctx, workspace, period.to),
    listClientIds(ctx, workspace, period.to, 'active'),
  ]);
  return {
    ...period,
    thresholds: thresholdsOf(workspace.settings),
    gigs,
    followUps,
    activeShare: { activeClientIds, withGigs: overview.clients - overview.statuses.prospect },
  };
}

/** The KPIs and chart series in cents, as the domain computes them: the dashboard's figures for the PDF report. */
export async function kpisAndCharts(
  ctx: AppContext,
  workspace: Workspace,
  query: KpisQuery,
): Promise<{ kpis: Kpis; charts: Charts; thresholds: Thresholds }> {
  const facts = await loadFacts(ctx, workspace, periodOf(ctx, workspace, query));
  return { kpis: computeKpis(facts), charts: computeCharts(facts), thresholds: facts.thresholds };
}

export async function getKpis(ctx: AppContext, workspace: Workspace, query: KpisQuery): Promise<KpisJson> {
  const facts = await loadFacts(ctx, workspace, periodOf(ctx, workspace, query));
  return kpisJson(computeKpis(facts));
}

/** The analytics page in one answer: KPIs, chart series, and the names of the clients behind the figures. */
export async function getDashboard(ctx: AppContext, workspace: Workspace, query: KpisQuery): Promise<DashboardJson> {
  const facts = await loadFacts(ctx, workspace, periodOf(ctx, workspace, query));
  const kpis = kpisJson(computeKpis(facts));
  const names = await listClientNames(ctx.database.db, workspace.id, idsToName(kpis));
  return { kpis, charts: chartsJson(computeCharts(facts)), names: Object.fromEntries([...names].map(([id, name]) => [String(id), name])) };
}
