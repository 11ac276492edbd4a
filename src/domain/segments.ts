/**
 * Segmentation of the guide: status by days without a gig, VIP as a flag beside it,
 * the priority of a client to win back and its reactivation potential. Pure: "today" comes in.
 */
import { daysBetween, type IsoDate } from './dates';
import type { Cents } from './money';
import { compareNames } from './names';

export type ClientStatus = 'prospect' | 'active' | 'dormant' | 'lapsed';
export const CLIENT_STATUSES: readonly ClientStatus[] = ['active', 'dormant', 'lapsed', 'prospect'];

export const VIP_REASONS = ['gigs', 'revenue', 'activeGigs'] as const;
export type VipReason = (typeof VIP_REASONS)[number];

export interface Thresholds {
  /** Active below this many days without a gig (guide: < 90 days). */
  activeDays: number;
  /** Dormant up to this many days inclusive, lapsed beyond (guide: > 365 days). */
  lapsedDays: number;
  vipMinGigs: number;
  vipMinRevenueCents: Cents;
  vipActiveMinGigs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  activeDays: 90,
  lapsedDays: 365,
  vipMinGigs: 10,
  vipMinRevenueCents: 500_000,
  vipActiveMinGigs: 5,
};

/** What the figures of a client are made of: its done gigs up to the reference date. */
export interface ClientStats {
  gigs: number;
  revenueCents: Cents;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  priceMinCents: Cents | null;
  priceMaxCents: Cents | null;
}

export interface Classification {
  status: ClientStatus;
  vip: boolean;
  vipReasons: VipReason[];
  daysInactive: number | null;
}

export function statusOf(daysInactive: number | null, t: Thresholds): ClientStatus {
  if (daysInactive === null) return 'prospect';
  if (daysInactive < t.activeDays) return 'active';
  if (daysInactive <= t.lapsedDays) return 'dormant';
  return 'lapsed';
}

export function classifyClient(stats: ClientStats, asOf: IsoDate, t: Thresholds = DEFAULT_THRESHOLDS): Classification {
  const daysInactive = stats.lastDate === null || stats.gigs === 0 ? null : daysBetween(stats.lastDate, asOf);
  const status = statusOf(daysInactive, t);
  const vipReasons: VipReason[] = [];
  if (stats.gigs >= t.vipMinGigs) vipReasons.push('gigs');
  if (stats.gigs > 0 && stats.revenueCents >= t.vipMinRevenueCents) vipReasons.push('revenue');
  if (status === 'active' && stats.gigs >= t.vipActiveMinGigs) vipReasons.push('activeGigs');
  return { status, vip: vipReasons.length > 0, vipReasons, daysInactive };
}

/** One term of a score, so that the interface can say why a client ranks where it does. */
export interface ScoreTerm {
  term: 'vip' | 'gigs' | 'revenue' | 'recency';
  /** The client's value for this term (gig count, revenue in cents, days without a gig; 1/0 for VIP). */
  value: number;
  points: number;
  max: number;
}

/**
 * Priority to win a client back, the guide's order: VIP first, then gig count, revenue and
 * time without a gig. VIP is worth more than every other term together, so a VIP always ranks
 * above a non-VIP; among equals, more gigs and more revenue rank higher (each capped, so that
 * one huge client does not flatten the scale), and a client gone for less time ranks higher,
 * because the longer the silence the lower the chance of winning it back.
 */
export const PRIORITY_WEIGHTS = {
  vip: 100,
  gigs: { max: 40, capAt: 20 },
  revenue: { max: 40, capAtCents: 500_000 },
  recency: { max: 20, zeroAtDays: 4 * 365 },
} as const;

export function priorityOf(stats: ClientStats, c: Classification): { score: number; terms: ScoreTerm[] } | null {
  if (c.daysInactive === null) return null;
  const w = PRIORITY_WEIGHTS;
  const terms: ScoreTerm[] = [
    { term: 'vip', value: c.vip ? 1 : 0, points: c.vip ? w.vip : 0, max: w.vip },
    { term: 'gigs', value: stats.gigs, points: round2((w.gigs.max * Math.min(stats.gigs, w.gigs.capAt)) / w.gigs.capAt), max: w.gigs.max },
    {
      term: 'revenue',
      value: stats.revenueCents,
      points: round2((w.revenue.max * Math.min(stats.revenueCents, w.revenue.capAtCents)) / w.revenue.capAtCents),
      max: w.revenue.max,
    },
    {
      term: 'recency',
      value: c.daysInactive,
      points: round2(w.recency.max * Math.max(0, 1 - c.daysInactive / w.recency.zeroAtDays)),
      max: w.recency.max,
    },
  ];
  return { score: round2(terms.reduce((s, t) => s + t.points, 0)), terms };
}

export interface Potential {
  /** Revenue in cents the client would bring in the next 12 months if won back. */
  cents: Cents;
  averagePriceCents: Cents;
  gigsPerYear: number;
  /** Days from the first to the last gig, both included. */
  spanDays: number;
}

/**
 * Reactivation potential from the client's own history: its average price times the number
 * of gigs it booked per year while it was a client. A history shorter than a year counts as
 * one year (a client who booked 7 gigs in 9 months is worth 7 gigs a year, not 9).
 */
export function potentialOf(stats: ClientStats): Potential | null {
  if (stats.gigs === 0 || stats.firstDate === null || stats.lastDate === null) return null;
  const spanDays = daysBetween(stats.firstDate, stats.lastDate) + 1;
  const years = Math.max(1, spanDays / 365.25);
  const gigsPerYear = stats.gigs / years;
  const averagePriceCents = stats.revenueCents / stats.gigs;
  return {
    cents: Math.round(averagePriceCents * gigsPerYear),
    averagePriceCents: Math.round(averagePriceCents),
    gigsPerYear: round2(gigsPerYear),
    spanDays,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Everything the lists show about a client as of a date. */
export interface ClientSegment extends Classification {
  stats: ClientStats;
  priority: number | null;
  priorityTerms: ScoreTerm[];
  potential: Potential | null;
}

export function segmentClient(stats: ClientStats, asOf: IsoDate, t: Thresholds = DEFAULT_THRESHOLDS): ClientSegment {
  const c = classifyClient(stats, asOf, t);
  const p = priorityOf(stats, c);
  return { ...c, stats, priority: p?.score ?? null, priorityTerms: p?.terms ?? [], potential: potentialOf(stats) };
}

export const CLIENT_SORTS = ['name', 'gigs', 'revenue', 'last', 'priority'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];
export type SegmentFilter = ClientStatus | 'vip';
export const SEGMENT_FILTERS: readonly SegmentFilter[] = ['vip', 'active', 'dormant', 'lapsed', 'prospect'];

export function inSegment(c: Classification, segment: SegmentFilter): boolean {
  return segment === 'vip' ? c.vip : c.status === segment;
}

/** Largest first for figures (missing values last), then by name the French way. */
export function compareClients<T extends { name: string; segment: ClientSegment }>(sort: ClientSort): (a: T, b: T) => number {
  const figure = (x: T): number | null => {
    switch (sort) {
      case 'gigs':
        return x.segment.stats.gigs;
      case 'revenue':
        return x.segment.stats.revenueCents;
      case 'last':
        return x.segment.daysInactive === null ? null : -x.segment.daysInactive;
      case 'priority':
        return x.segment.priority;
      case 'name':
        return 0;
    }
  };
  return (a, b) => {
    const fa = figure(a);
    const fb = figure(b);
    if (fa !== fb) {
      if (fa === null) return 1;
      if (fb === null) return -1;
      return fb - fa;
    }
    return compareNames(a.name, b.name);
  };
}
