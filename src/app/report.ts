/**
 * The activity report: the workspace's figures as of a reference date and over a period, made into
 * the report's model (src/domain/report.ts) and rendered as a PDF (./report-pdf.ts).
 */
import { addDays, isIsoDate, type IsoDate } from '../domain/dates';
import { buildReportModel, type ReportModel } from '../domain/report';
import { getOwnerName, getPeriodTotals } from '../db/report';
import type { Workspace } from '../db/workspaces';
import { withCadences } from './cadences';
import type { MessageKey } from '../contracts/messages';
import type { AppContext } from './context';
import { AppError } from './errors';
import { kpisAndCharts } from './kpis';
import { getOverview, listAllClients } from './portfolio';
import { renderReportPdf } from './report-pdf';
import { referenceDateOf } from './workspace';

export interface ReportOptions {
  asOf?: string;
  from?: string;
  to?: string;
}

function checkedDate(value: string | undefined, what: MessageKey): IsoDate | undefined {
  if (value !== undefined && !isIsoDate(value)) throw AppError.worded('invalid_input', what, { value });
  return value;
}

/** The period: as asked, by default the twelve months that end on the reference date. */
export function reportPeriod(asOf: IsoDate, from?: IsoDate, to?: IsoDate): { from: IsoDate; to: IsoDate } {
  const end = to ?? asOf;
  const start = from ?? addDays(end, -364);
  if (start > end) throw AppError.worded('invalid_input', 'error.report.badPeriod', { start, end });
  return { from: start, to: end };
}

export async function buildReport(ctx: AppContext, workspace: Workspace, options: ReportOptions = {}): Promise<ReportModel> {
  const asOf = referenceDateOf(ctx, workspace, checkedDate(options.asOf, 'error.report.badReferenceDate'));
  const period = reportPeriod(
    asOf,
    checkedDate(options.from, 'error.report.badStartDate'),
    checkedDate(options.to, 'error.report.badEndDate'),
  );
  const db = ctx.database.db;
  const [overview, clients, totals, owner, dashboard] = await Promise.all([
    getOverview(ctx, workspace, asOf),
    listAllClients(ctx, workspace, asOf),
    getPeriodTotals(db, workspace.id, period.from, period.to),
    getOwnerName(db, workspace.id),
    kpisAndCharts(ctx, workspace, period),
  ]);
  return buildReportModel({
    djName: workspace.settings.djName || owner || '',
    workspaceName: workspace.name,
    asOf,
    period,
    overview,
    periodTotals: totals,
    clients: (await withCadences(ctx, workspace, asOf, clients)).map((c) => ({
      name: c.name,
      segment: c.segment,
      cadence: c.cadence,
    })),
    kpis: dashboard.kpis,
    charts: dashboard.charts,
    activeDays: dashboard.thresholds.activeDays,
  });
}

/** The report as PDF bytes. */
export async function reportPdf(
  ctx: AppContext,
  workspace: Workspace,
  options: ReportOptions = {},
): Promise<{ model: ReportModel; pdf: Buffer }> {
  const model = await buildReport(ctx, workspace, options);
  return { model, pdf: await renderReportPdf(model, ctx.now()) };
}
