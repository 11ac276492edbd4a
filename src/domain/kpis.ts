/**
 * The guide's "Indicateurs à suivre" and "Objectifs recommandés", over a period of calendar days
 * (both ends included). Pure: the gigs, the follow-ups, the thresholds and the period come in.
 *
 * - A follow-up *went out* when its status is `sent` (sent by the outbox, made by phone, or a copy
 *   / mailto / .eml the user confirmed): « à confirmer », queued, uncertain and failed ones did not.
 * - A client's state *when followed up* (VIP, regular, lapsed) is computed from its done gigs
 *   dated before the follow-up's day, so that a gig on that very day is an answer to the
 *   follow-up, not a reason for the client not to need one.
 */
import { addDays, addMonths, daysBetween, type IsoDate } from './dates';
import type { FollowUpOutcome } from './follow-ups/cadence';
import type { Cents } from './money';
import { classifyClient, type Classification, type Thresholds } from './segments';

/** The guide's step 3: a regular client is a non-VIP with at least this many gigs. */
export const REGULAR_MIN_GIGS = 5;
/** "Réactiver … dans les 3 mois": the window after a follow-up in which a gig or booking counts. */
export const REACTIVATION_WINDOW_DAYS = 90;
/** "CA réactivation": gigs within this many months after a follow-up that obtained a booking. */
export const REACTIVATION_REVENUE_MONTHS = 12;

export const OBJECTIVE_TARGETS = {
  vipReactivation: 0.3,
  regularReactivation: 0.2,
  activeShare: 0.4,
} as const;
export type ObjectiveKey = keyof typeof OBJECTIVE_TARGETS;
export const OBJECTIVE_KEYS: readonly ObjectiveKey[] = ['vipReactivation', 'regularReactivation', 'activeShare'];

export interface KpiGig {
  clientId: number;
  date: IsoDate;
  status: 'done' | 'confirmed' | 'option' | 'cancelled';
  amountCents: Cents;
  /** Gigs this row stands for (the database may add up one client's gigs of a day). */
  count: number;
}

export interface KpiFollowUp {
  clientId: number;
  date: IsoDate;
  /** `sent`, `to_confirm`, `queued`, `uncertain`, `failed`, or a status added later (never "went out"). */
  status: string;
  outcome: FollowUpOutcome;
  outcomeDate: IsoDate | null;
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface KpiInput extends Period {
  thresholds: Thresholds;
  gigs: readonly KpiGig[];
  followUps: readonly KpiFollowUp[];
  /** The overview's active share as of the period's end (computed there, reused here). */
  activeShare: { activeClientIds: readonly number[]; withGigs: number };
}

export interface ByGroup<T> {
  all: T;
  vip: T;
  regular: T;
}

export interface ObjectiveResult {
  key: ObjectiveKey;
  target: number;
  /** Share in [0, 1]; null when nobody is concerned yet ("pas encore de relance"). */
  value: number | null;
  met: boolean | null;
  /** Follow-ups whose 90 days are not over at the period's end, left out of the value. */
  pending: number;
}

export interface ObjectivePopulation {
  /** Clients whose 90 days are over: the value's denominator. */
  population: number[];
  reactivated: number[];
  pending: number[];
}

export interface Kpis extends Period {
  followedUp: ByGroup<number>;
  responded: ByGroup<number>;
  reactivationRate: ByGroup<number | null>;
  reactivationRevenueCents: Cents;
  reactivationRevenueUpcomingCents: Cents;
  returns: number;
  avgInactivityBeforeReturnDays: number | null;
  objectives: ObjectiveResult[];
  clientIds: {
    followedUp: ByGroup<number[]>;
    responded: ByGroup<number[]>;
    reactivationRevenue: number[];
    reactivationRevenueUpcoming: number[];
    returns: number[];
    vipReactivation: ObjectivePopulation;
    regularReactivation: ObjectivePopulation;
    activeShare: number[];
  };
}

/** The one reading of "went out" (the follow-up reached the client as far as anyone knows). */
export function wentOut(status: string): boolean {
  return status === 'sent';
}

export function respondedOutcome(outcome: FollowUpOutcome): boolean {
  return outcome === 'answered' || outcome === 'booking';
}

export function inPeriod(date: IsoDate, p: Period): boolean {
  return date >= p.from && date <= p.to;
}

/** The default period: the year ending on `to` (2026-01-14 → 2025-01-15 … 2026-01-14). */
export function yearEndingOn(to: IsoDate): Period {
  return { from: addDays(addMonths(to, -12), 1), to };
}

/** A client's done gigs in date order, with running totals, to read its state at any date. */
export interface DoneHistory {
  dates: IsoDate[];
  /** Gigs and revenue of the first i rows, i from 0 to dates.length. */
  gigsBefore: number[];
  revenueBefore: Cents[];
}

export function doneHistories(gigs: readonly KpiGig[]): Map<number, DoneHistory> {
  const byClient = new Map<number, { date: IsoDate; count: number; amountCents: Cents }[]>();
  for (const g of gigs) {
    if (g.status !== 'done') continue;
    const list = byClient.get(g.clientId) ?? [];
    list.push({ date: g.date, count: g.count, amountCents: g.amountCents });
    byClient.set(g.clientId, list);
  }
  const out = new Map<number, DoneHistory>();
  for (const [clientId, list] of byClient) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const h: DoneHistory = { dates: [], gigsBefore: [0], revenueBefore: [0] };
    for (const x of list) {
      h.dates.push(x.date);
      h.gigsBefore.push((h.gigsBefore[h.gigsBefore.length - 1] ?? 0) + x.count);
      h.revenueBefore.push((h.revenueBefore[h.revenueBefore.length - 1] ?? 0) + x.amountCents);
    }
    out.set(clientId, h);
  }
  return out;
}

/** Index of the first date >= `date` (or > when `after`): the number of rows before it. */
function rowsBefore(dates: readonly IsoDate[], date: IsoDate, inclusive: boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const d = dates[mid] ?? '';
    if (d < date || (inclusive && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The client's classification from its done gigs before `date` (`inclusive`: up to and on it). */
export function classificationAt(
  h: DoneHistory | undefined,
  date: IsoDate,
  t: Thresholds,
  inclusive = false,
): Classification & { gigs: number } {
  const n = h ? rowsBefore(h.dates, date, inclusive) : 0;
  const gigs = h?.gigsBefore[n] ?? 0;
  const stats = {
    gigs,
    revenueCents: h?.revenueBefore[n] ?? 0,
    firstDate: n > 0 ? (h?.dates[0] ?? null) : null,
    lastDate: n > 0 ? (h?.dates[n - 1] ?? null) : null,
    priceMinCents: null,
    priceMaxCents: null,
  };
  return { ...classifyClient(stats, date, t), gigs };
}

type Group = 'vip' | 'regular' | null;

function groupOf(c: Classification & { gigs: number }): Group {
  if (c.vip) return 'vip';
  return c.gigs >= REGULAR_MIN_GIGS ? 'regular' : null;
}

function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function rate(n: number, of: number): number | null {
  return of === 0 ? null : n / of;
}

export interface Return {
  clientId: number;
  date: IsoDate;
  gapDays: number;
}

/** Every done gig day whose previous done gig day of the same client is at least `activeDays` earlier. */
export function returnsOf(histories: ReadonlyMap<number, DoneHistory>, activeDays: number): Return[] {
  const out: Return[] = [];
  for (const [clientId, h] of histories) {
    for (let i = 1; i < h.dates.length; i++) {
      const prev = h.dates[i - 1] ?? '';
      const date = h.dates[i] ?? '';
      if (prev === date) continue;
      const gapDays = daysBetween(prev, date);
      if (gapDays >= activeDays) out.push({ clientId, date, gapDays });
    }
  }
  return out;
}

export function computeKpis(input: KpiInput): Kpis {
  const { thresholds: t, from, to } = input;
  const period: Period = { from, to };
  const histories = doneHistories(input.gigs);
  const gigsOf = new Map<number, KpiGig[]>();
  for (const g of input.gigs) {
    if (g.status !== 'done' && g.status !== 'confirmed') continue;
    const list = gigsOf.get(g.clientId) ?? [];
    list.push(g);
    gigsOf.set(g.clientId, list);
  }

  // Follow-ups of the period that went out, each client's first one first.
  const outInPeriod = input.followUps.filter((f) => wentOut(f.status) && inPeriod(f.date, period));
  outInPeriod.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const firstOf = new Map<number, KpiFollowUp>();
  const respondedClients = new Set<number>();
  const outOf = new Map<number, KpiFollowUp[]>();
  for (const f of outInPeriod) {
    if (!firstOf.has(f.clientId)) firstOf.set(f.clientId, f);
    outOf.set(f.clientId, [...(outOf.get(f.clientId) ?? []), f]);
    if (respondedOutcome(f.outcome)) respondedClients.add(f.clientId);
  }

  const followedUp: ByGroup<number[]> = { all: [], vip: [], regular: [] };
  const responded: ByGroup<number[]> = { all: [], vip: [], regular: [] };
  const vipObjective: ObjectivePopulation = { population: [], reactivated: [], pending: [] };
  const regularObjective: ObjectivePopulation = { population: [], reactivated: [], pending: [] };
  for (const [clientId, first] of firstOf) {
    const state = classificationAt(histories.get(clientId), first.date, t);
    const group = groupOf(state);
    followedUp.all.push(clientId);
    if (group) followedUp[group].push(clientId);
    if (respondedClients.has(clientId)) {
      responded.all.push(clientId);
      if (group) responded[group].push(clientId);
    }
    if (group && state.status === 'lapsed') {
      const objective = group === 'vip' ? vipObjective : regularObjective;
      const windowEnd = addDays(first.date, REACTIVATION_WINDOW_DAYS);
      if (windowEnd > to) {
        objective.pending.push(clientId);
        continue;
      }
      objective.population.push(clientId);
      if (reactivatedWithin(gigsOf.get(clientId) ?? [], outOf.get(clientId) ?? [], first.date, windowEnd))
        objective.reactivated.push(clientId);
    }
  }

  // CA réactivation: gigs within 12 months after a follow-up of the period that obtained a booking.
  const bookingWindows = new Map<number, Period[]>();
  for (const f of outInPeriod) {
    if (f.outcome !== 'booking') continue;
    const list = bookingWindows.get(f.clientId) ?? [];
    list.push({ from: f.date, to: addMonths(f.date, REACTIVATION_REVENUE_MONTHS) });
    bookingWindows.set(f.clientId, list);
  }
  let revenue = 0;
  let upcoming = 0;
  const revenueClients = new Set<number>();
  const upcomingClients = new Set<number>();
  for (const g of input.gigs) {
    const windows = bookingWindows.get(g.clientId);
    if (!windows || !windows.some((w) => inPeriod(g.date, w))) continue;
    if (g.status === 'done' && g.date <= to) {
      revenue += g.amountCents;
      revenueClients.add(g.clientId);
    } else if (g.status === 'confirmed' && g.date > to) {
      upcoming += g.amountCents;
      upcomingClients.add(g.clientId);
    }
  }

  const returns = returnsOf(histories, t.activeDays).filter((r) => inPeriod(r.date, period));
  const gapSum = returns.reduce((s, r) => s + r.gapDays, 0);

  const objectiveOf = (key: 'vipReactivation' | 'regularReactivation', o: ObjectivePopulation): ObjectiveResult => {
    const value = rate(o.reactivated.length, o.population.length);
    return {
      key,
      target: OBJECTIVE_TARGETS[key],
      value,
      met: value === null ? null : value >= OBJECTIVE_TARGETS[key],
      pending: o.pending.length,
    };
  };
  const activeValue = rate(input.activeShare.activeClientIds.length, input.activeShare.withGigs);

  const ids = <T extends number[]>(g: ByGroup<T>): ByGroup<number[]> => ({
    all: sortedIds(g.all),
    vip: sortedIds(g.vip),
    regular: sortedIds(g.regular),
  });
  const count = (g: ByGroup<number[]>): ByGroup<number> => ({ all: g.all.length, vip: g.vip.length, regular: g.regular.length });
  const sortedObjective = (o: ObjectivePopulation): ObjectivePopulation => ({
    population: sortedIds(o.population),
    reactivated: sortedIds(o.reactivated),
    pending: sortedIds(o.pending),
  });
  const followedUpIds = ids(followedUp);
  const respondedIds = ids(responded);
  const f = count(followedUpIds);
  const r = count(respondedIds);
  return {
    from,
    to,
    followedUp: f,
    responded: r,
    reactivationRate: { all: rate(r.all, f.all), vip: rate(r.vip, f.vip), regular: rate(r.regular, f.regular) },
    reactivationRevenueCents: revenue,
    reactivationRevenueUpcomingCents: upcoming,
    returns: returns.length,
    avgInactivityBeforeReturnDays: returns.length === 0 ? null : gapSum / returns.length,
    objectives: [
      objectiveOf('vipReactivation', vipObjective),
      objectiveOf('regularReactivation', regularObjective),
      {
        key: 'activeShare',
        target: OBJECTIVE_TARGETS.activeShare,
        value: activeValue,
        met: activeValue === null ? null : activeValue >= OBJECTIVE_TARGETS.activeShare,
        pending: 0,
      },
    ],
    clientIds: {
      followedUp: followedUpIds,
      responded: respondedIds,
      reactivationRevenue: sortedIds(revenueClients),
      reactivationRevenueUpcoming: sortedIds(upcomingClients),
      returns: sortedIds(returns.map((x) => x.clientId)),
      vipReactivation: sortedObjective(vipObjective),
      regularReactivation: sortedObjective(regularObjective),
      activeShare: sortedIds(input.activeShare.activeClientIds),
    },
  };
}

/**
 * Won back within the window: a done or confirmed gig dated in it (the follow-up's own day
 * included), or a follow-up of the client whose "booking obtained" was recorded in it (a gig booked
 * then for a later date).
 */
function reactivatedWithin(gigs: readonly KpiGig[], followUps: readonly KpiFollowUp[], from: IsoDate, to: IsoDate): boolean {
  const window = { from, to };
  if (gigs.some((g) => inPeriod(g.date, window))) return true;
  return followUps.some((f) => f.outcome === 'booking' && inPeriod(f.date, window) && f.outcomeDate !== null && f.outcomeDate <= to);
}
