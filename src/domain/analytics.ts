/**
 * The series the analytics page draws: revenue by month beside the year before, by year, by event
 * type and by month of the year; clients per status at month ends; the VIP's share of revenue;
 * follow-ups sent and their outcomes by month. Pure: the web only draws what comes out of here.
 */
import { addMonths, daysInMonth, makeIsoDate, type IsoDate } from './dates';
import { classificationAt, doneHistories, inPeriod, wentOut, type KpiFollowUp, type KpiGig, type Period } from './kpis';
import type { Cents } from './money';
import type { Thresholds } from './segments';

/** Months drawn by the monthly charts, ending with the period's last month. */
export const CHART_MONTHS = 24;
/** Event types drawn one by one; the rest are added up as "others". */
export const MAX_EVENT_TYPES = 10;

export interface AnalyticsGig extends KpiGig {
  type: string | null;
}

export interface AnalyticsInput extends Period {
  thresholds: Thresholds;
  gigs: readonly AnalyticsGig[];
  followUps: readonly KpiFollowUp[];
}

export interface MonthRevenue {
  /** YYYY-MM */
  month: string;
  revenueCents: Cents;
  /** The same month a year before, up to the same day for the period's last month. */
  previousYearCents: Cents;
}

export interface YearRevenue {
  year: number;
  revenueCents: Cents;
  gigs: number;
}

export interface MonthStatuses {
  month: string;
  /** The month's last day, or the period's end for its last month. */
  date: IsoDate;
  active: number;
  dormant: number;
  lapsed: number;
}

export interface TypeRevenue {
  /** null: no type given; `others` adds up the types past the first ten. */
  type: string | null;
  others: boolean;
  revenueCents: Cents;
  gigs: number;
}

export interface MonthOfYearRevenue {
  /** 1 to 12 */
  month: number;
  revenueCents: Cents;
  gigs: number;
}

export interface MonthFollowUps {
  month: string;
  sent: number;
  booking: number;
  answered: number;
  declined: number;
  noAnswer: number;
  /** Sent, no outcome recorded yet. */
  waiting: number;
  /** Failed sends, not in `sent`. */
  failed: number;
}

export interface Charts {
  revenueByMonth: MonthRevenue[];
  revenueByYear: YearRevenue[];
  statusesByMonth: MonthStatuses[];
  vipShare: { vipCents: Cents; otherCents: Cents; share: number | null; vipClients: number };
  revenueByType: TypeRevenue[];
  /** Over every done gig up to the period's end: the DJ's seasons. */
  revenueByMonthOfYear: MonthOfYearRevenue[];
  followUpsByMonth: MonthFollowUps[];
}

/** The `count` months ending with the month of `to`, oldest first (YYYY-MM). */
export function monthsEndingAt(to: IsoDate, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(to, i - count + 1).slice(0, 7));
}

function monthEnd(month: string): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return makeIsoDate(y, m, daysInMonth(y, m));
}

export function computeCharts(input: AnalyticsInput): Charts {
  const { to, thresholds: t } = input;
  const period: Period = { from: input.from, to };
  const months = monthsEndingAt(to, CHART_MONTHS);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  // A gig of month M is the "year before" of the chart's month M + 12.
  const yearLaterIndex = new Map(months.map((m, i) => [addMonths(`${m}-01`, -12).slice(0, 7), i]));
  const previousTo = addMonths(to, -12);
  const done = input.gigs.filter((g) => g.status === 'done' && g.date <= to);

  const byMonth = months.map((month) => ({ month, revenueCents: 0, previousYearCents: 0 }));
  const byYear = new Map<number, YearRevenue>();
  const byMonthOfYear = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, revenueCents: 0, gigs: 0 }));
  const byType = new Map<string | null, { revenueCents: Cents; gigs: number }>();
  const histories = doneHistories(done);
  const vipAtEnd = new Map<number, boolean>();
  const isVip = (clientId: number) => {
    let v = vipAtEnd.get(clientId);
    if (v === undefined) {
      v = classificationAt(histories.get(clientId), to, t, true).vip;
      vipAtEnd.set(clientId, v);
    }
    return v;
  };
  let vipCents = 0;
  let otherCents = 0;
  const vipClients = new Set<number>();
  for (const g of done) {
    const month = g.date.slice(0, 7);
    const i = monthIndex.get(month);
    if (i !== undefined) (byMonth[i] as MonthRevenue).revenueCents += g.amountCents;
    if (g.date <= previousTo) {
      const j = yearLaterIndex.get(month);
      if (j !== undefined) (byMonth[j] as MonthRevenue).previousYearCents += g.amountCents;
    }
    const year = Number(g.date.slice(0, 4));
    const y = byYear.get(year) ?? { year, revenueCents: 0, gigs: 0 };
    y.revenueCents += g.amountCents;
    y.gigs += g.count;
    byYear.set(year, y);
    const moy = byMonthOfYear[Number(g.date.slice(5, 7)) - 1] as MonthOfYearRevenue;
    moy.revenueCents += g.amountCents;
    moy.gigs += g.count;
    if (!inPeriod(g.date, period)) continue;
    const type = g.type?.trim() || null;
    const tr = byType.get(type) ?? { revenueCents: 0, gigs: 0 };
    tr.revenueCents += g.amountCents;
    tr.gigs += g.count;
    byType.set(type, tr);
    if (isVip(g.clientId)) {
      vipCents += g.amountCents;
      vipClients.add(g.clientId);
    } else {
      otherCents += g.amountCents;
    }
  }

  const statusesByMonth = months.map((month): MonthStatuses => {
    const end = monthEnd(month);
    const date = end < to ? end : to;
    const row = { month, date, active: 0, dormant: 0, lapsed: 0 };
    for (const h of histories.values()) {
      const status = classificationAt(h, date, t, true).status;
      if (status !== 'prospect') row[status] += 1;
    }
    return row;
  });

  const followUpsByMonth = months.map((month) => ({
    month,
    sent: 0,
    booking: 0,
    answered: 0,
    declined: 0,
    noAnswer: 0,
    waiting: 0,
    failed: 0,
  }));
  for (const f of input.followUps) {
    if (f.date > to) continue;
    const i = monthIndex.get(f.date.slice(0, 7));
    if (i === undefined) continue;
    const row = followUpsByMonth[i] as MonthFollowUps;
    if (f.status === 'failed') row.failed += 1;
    if (!wentOut(f.status)) continue;
    row.sent += 1;
    if (f.outcome === 'booking') row.booking += 1;
    else if (f.outcome === 'answered') row.answered += 1;
    else if (f.outcome === 'declined') row.declined += 1;
    else if (f.outcome === 'no_answer') row.noAnswer += 1;
    else row.waiting += 1;
  }

  const types = [...byType].map(([type, v]) => ({ type, others: false, ...v }));
  types.sort((a, b) => b.revenueCents - a.revenueCents || (a.type ?? '').localeCompare(b.type ?? '', 'fr'));
  const revenueByType = types.slice(0, MAX_EVENT_TYPES);
  const rest = types.slice(MAX_EVENT_TYPES);
  if (rest.length > 0) {
    revenueByType.push({
      type: null,
      others: true,
      revenueCents: rest.reduce((s, x) => s + x.revenueCents, 0),
      gigs: rest.reduce((s, x) => s + x.gigs, 0),
    });
  }

  const total = vipCents + otherCents;
  return {
    revenueByMonth: byMonth,
    revenueByYear: [...byYear.values()].sort((a, b) => a.year - b.year),
    statusesByMonth,
    vipShare: { vipCents, otherCents, share: total === 0 ? null : vipCents / total, vipClients: vipClients.size },
    revenueByType,
    revenueByMonthOfYear: byMonthOfYear,
    followUpsByMonth,
  };
}
