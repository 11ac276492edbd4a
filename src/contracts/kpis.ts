/**
 * The KPIs and analytics as they travel: the query (HTTP `GET /api/kpis`, `GET /api/dashboard`,
 * CLI `djbooker kpis`), the JSON answer and its conversion from the domain's figures (cents →
 * euros). Server, CLI and web import it from here; no server or database import, so that the web
 * can too.
 */
import { z } from 'zod';
import type { Charts } from '../domain/analytics';
import { OBJECTIVE_KEYS, type Kpis, type ObjectiveKey } from '../domain/kpis';
import { centsToEuros } from '../domain/money';

/**
 * The shape only: the calendar check (no 30 February) is the app's, with the domain's date module.
 * (Importing that module here made the bundler split the web app's first chunk, which runs zod's
 * configuration after the schemas it must precede: see src/web/lib/zod-config.ts.)
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');

export const kpisQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  asOf: isoDate.optional(),
});
export type KpisQuery = z.infer<typeof kpisQuerySchema>;

const ids = z.array(z.number().int());
const byGroup = <T extends z.ZodType>(s: T) => z.object({ all: s, vip: s, regular: s });
const ratio = z.number().min(0).max(1);
const population = z.object({ population: ids, reactivated: ids, pending: ids });

export const kpisSchema = z.object({
  from: z.string(),
  to: z.string(),
  followedUp: byGroup(z.number().int()),
  responded: byGroup(z.number().int()),
  reactivationRate: byGroup(ratio.nullable()),
  /** Euros. */
  reactivationRevenue: z.number(),
  reactivationRevenueUpcoming: z.number(),
  returns: z.number().int(),
  avgInactivityBeforeReturnDays: z.number().nullable(),
  objectives: z.array(
    z.object({
      key: z.enum(OBJECTIVE_KEYS as [ObjectiveKey, ...ObjectiveKey[]]),
      target: ratio,
      value: ratio.nullable(),
      met: z.boolean().nullable(),
      pending: z.number().int(),
    }),
  ),
  clientIds: z.object({
    followedUp: byGroup(ids),
    responded: byGroup(ids),
    reactivationRevenue: ids,
    reactivationRevenueUpcoming: ids,
    returns: ids,
    vipReactivation: population,
    regularReactivation: population,
    activeShare: ids,
  }),
});
export type KpisJson = z.infer<typeof kpisSchema>;

export function kpisJson(k: Kpis): KpisJson {
  const { reactivationRevenueCents, reactivationRevenueUpcomingCents, avgInactivityBeforeReturnDays, ...rest } = k;
  return {
    from: rest.from,
    to: rest.to,
    followedUp: rest.followedUp,
    responded: rest.responded,
    reactivationRate: rest.reactivationRate,
    reactivationRevenue: centsToEuros(reactivationRevenueCents),
    reactivationRevenueUpcoming: centsToEuros(reactivationRevenueUpcomingCents),
    returns: rest.returns,
    avgInactivityBeforeReturnDays,
    objectives: rest.objectives,
    clientIds: rest.clientIds,
  };
}

const month = z.string();
export const chartsSchema = z.object({
  revenueByMonth: z.array(z.object({ month, revenue: z.number(), previousYear: z.number() })),
  revenueByYear: z.array(z.object({ year: z.number().int(), revenue: z.number(), gigs: z.number().int() })),
  statusesByMonth: z.array(
    z.object({ month, date: z.string(), active: z.number().int(), dormant: z.number().int(), lapsed: z.number().int() }),
  ),
  vipShare: z.object({ vip: z.number(), others: z.number(), share: ratio.nullable(), vipClients: z.number().int() }),
  revenueByType: z.array(z.object({ type: z.string().nullable(), others: z.boolean(), revenue: z.number(), gigs: z.number().int() })),
  revenueByMonthOfYear: z.array(z.object({ month: z.number().int().min(1).max(12), revenue: z.number(), gigs: z.number().int() })),
  followUpsByMonth: z.array(
    z.object({
      month,
      sent: z.number().int(),
      booking: z.number().int(),
      answered: z.number().int(),
      declined: z.number().int(),
      noAnswer: z.number().int(),
      waiting: z.number().int(),
      failed: z.number().int(),
    }),
  ),
});
export type ChartsJson = z.infer<typeof chartsSchema>;

export function chartsJson(c: Charts): ChartsJson {
  return {
    revenueByMonth: c.revenueByMonth.map((m) => ({
      month: m.month,
      revenue: centsToEuros(m.revenueCents),
      previousYear: centsToEuros(m.previousYearCents),
    })),
    revenueByYear: c.revenueByYear.map((y) => ({ year: y.year, revenue: centsToEuros(y.revenueCents), gigs: y.gigs })),
    statusesByMonth: c.statusesByMonth,
    vipShare: {
      vip: centsToEuros(c.vipShare.vipCents),
      others: centsToEuros(c.vipShare.otherCents),
      share: c.vipShare.share,
      vipClients: c.vipShare.vipClients,
    },
    revenueByType: c.revenueByType.map((x) => ({ type: x.type, others: x.others, revenue: centsToEuros(x.revenueCents), gigs: x.gigs })),
    revenueByMonthOfYear: c.revenueByMonthOfYear.map((x) => ({ month: x.month, revenue: centsToEuros(x.revenueCents), gigs: x.gigs })),
    followUpsByMonth: c.followUpsByMonth,
  };
}

/** Names shown per list of clients behind a figure; the rest are counted ("et 12 autres"). */
export const MAX_NAMES_PER_LIST = 100;

/** What the analytics page reads in one request: the KPIs, the chart series, the names behind the figures. */
export const dashboardSchema = z.object({
  kpis: kpisSchema,
  charts: chartsSchema,
  /** Client id → name, for the first MAX_NAMES_PER_LIST ids of every list of `kpis.clientIds`. */
  names: z.record(z.string(), z.string()),
});
export type DashboardJson = z.infer<typeof dashboardSchema>;

/** Every list of client ids of the KPIs, each cut to the names the page shows. */
export function idsToName(k: KpisJson): number[] {
  const c = k.clientIds;
  const lists = [
    ...Object.values(c.followedUp),
    ...Object.values(c.responded),
    c.reactivationRevenue,
    c.reactivationRevenueUpcoming,
    c.returns,
    c.vipReactivation.population,
    c.vipReactivation.reactivated,
    c.vipReactivation.pending,
    c.regularReactivation.population,
    c.regularReactivation.reactivated,
    c.regularReactivation.pending,
    c.activeShare,
  ];
  return [...new Set(lists.flatMap((l) => l.slice(0, MAX_NAMES_PER_LIST)))];
}
