import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from './dates';
import { DEFAULT_THRESHOLDS, classifyClient, compareClients, potentialOf, priorityOf, segmentClient, type ClientStats } from './segments';

const ASOF = '2026-01-14';

function buildStats(overrides: Partial<ClientStats> = {}): ClientStats {
  return {
    gigs: 3,
    revenueCents: 90_000,
    firstDate: '2025-01-01',
    lastDate: '2025-12-01',
    priceMinCents: 30_000,
    priceMaxCents: 30_000,
    ...overrides,
  };
}

describe('classifyClient: status by calendar days without a gig', () => {
  it.each([
    [0, 'active'],
    [89, 'active'],
    [90, 'dormant'],
    [365, 'dormant'],
    [366, 'lapsed'],
    [1052, 'lapsed'],
  ])('%i days → %s', (days, status) => {
    expect(classifyClient(buildStats({ lastDate: addDays(ASOF, -days) }), ASOF).status).toBe(status);
  });

  it('a client without a gig is a prospect, never VIP, with no days', () => {
    const c = classifyClient(buildStats({ gigs: 0, revenueCents: 0, firstDate: null, lastDate: null }), ASOF);
    expect(c).toEqual({ status: 'prospect', vip: false, vipReasons: [], daysInactive: null });
  });

  it('holds on every boundary for any reference date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2090-01-01') }),
        fc.integer({ min: 0, max: 5000 }),
        (day, days) => {
          const asOf = fromDayNumber(day);
          const c = classifyClient(buildStats({ lastDate: addDays(asOf, -days) }), asOf);
          expect(c.daysInactive).toBe(days);
          expect(c.status).toBe(days < 90 ? 'active' : days <= 365 ? 'dormant' : 'lapsed');
        },
      ),
    );
  });

  it('counts calendar days across leap years and DST changes', () => {
    expect(classifyClient(buildStats({ lastDate: '2024-02-28' }), '2025-02-28').daysInactive).toBe(366);
    expect(classifyClient(buildStats({ lastDate: '2025-03-29' }), '2025-03-31').daysInactive).toBe(2);
  });
});

describe('classifyClient: VIP beside the status, with its reasons', () => {
  it.each([
    [9, 'lapsed', false],
    [10, 'lapsed', true],
  ])('%i gigs, %s → VIP %s (the 10-gig rule)', (gigs, _status, vip) => {
    const c = classifyClient(buildStats({ gigs, revenueCents: 1000, lastDate: '2024-01-01' }), ASOF);
    expect(c.vip).toBe(vip);
    expect(c.vipReasons).toEqual(vip ? ['gigs'] : []);
  });

  it('5,000 € of revenue makes a VIP, 4,999.99 € does not', () => {
    const lapsed = { gigs: 1, lastDate: '2020-01-01' };
    expect(classifyClient(buildStats({ ...lapsed, revenueCents: 500_000 }), ASOF).vipReasons).toEqual(['revenue']);
    expect(classifyClient(buildStats({ ...lapsed, revenueCents: 499_999 }), ASOF).vip).toBe(false);
  });

  it('active with 5 gigs is VIP, with 4 it is not, and dormant with 5 it is not', () => {
    expect(classifyClient(buildStats({ gigs: 5, lastDate: '2026-01-01' }), ASOF).vipReasons).toEqual(['activeGigs']);
    expect(classifyClient(buildStats({ gigs: 4, lastDate: '2026-01-01' }), ASOF).vip).toBe(false);
    expect(classifyClient(buildStats({ gigs: 5, lastDate: addDays(ASOF, -90) }), ASOF).vip).toBe(false);
  });

  it('gives every reason that applies', () => {
    const c = classifyClient(buildStats({ gigs: 19, revenueCents: 1_630_800, lastDate: '2025-11-29' }), ASOF);
    expect(c.vipReasons).toEqual(['gigs', 'revenue', 'activeGigs']);
  });

  it('the 9/10-gig boundary holds whatever the rest (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2000 }), (gigs, days) => {
        const c = classifyClient(buildStats({ gigs, revenueCents: gigs * 1000, lastDate: gigs === 0 ? null : addDays(ASOF, -days) }), ASOF);
        expect(c.vipReasons.includes('gigs')).toBe(gigs >= 10);
        expect(c.vipReasons.includes('activeGigs')).toBe(gigs >= 5 && days < 90);
        expect(c.vip).toBe(c.vipReasons.length > 0);
      }),
    );
  });

  it('follows thresholds that the workspace changed', () => {
    const t = { ...DEFAULT_THRESHOLDS, activeDays: 60, vipMinGigs: 20 };
    const c = classifyClient(buildStats({ gigs: 12, lastDate: addDays(ASOF, -70) }), ASOF, t);
    expect(c).toMatchObject({ status: 'dormant', vip: false });
  });
});

describe('priorityOf', () => {
  it('puts any VIP above any non-VIP', () => {
    fc.assert(
      fc.property(
        fc.record({
          gigs: fc.integer({ min: 1, max: 500 }),
          revenue: fc.integer({ min: 0, max: 10_000_000 }),
          days: fc.integer({ min: 366, max: 4000 }),
        }),
        fc.record({
          gigs: fc.integer({ min: 1, max: 9 }),
          revenue: fc.integer({ min: 0, max: 499_999 }),
          days: fc.integer({ min: 366, max: 4000 }),
        }),
        (v, n) => {
          const vipStats = buildStats({ gigs: Math.max(10, v.gigs), revenueCents: v.revenue, lastDate: addDays(ASOF, -v.days) });
          const other = buildStats({ gigs: n.gigs, revenueCents: n.revenue, lastDate: addDays(ASOF, -n.days) });
          const pv = priorityOf(vipStats, classifyClient(vipStats, ASOF));
          const pn = priorityOf(other, classifyClient(other, ASOF));
          expect(pv!.score).toBeGreaterThan(pn!.score);
        },
      ),
    );
  });

  it('returns the terms that add up to the score', () => {
    const s = buildStats({ gigs: 7, revenueCents: 245_000, lastDate: '2023-06-27' });
    const p = priorityOf(s, classifyClient(s, ASOF))!;
    expect(p.terms.map((t) => t.term)).toEqual(['vip', 'gigs', 'revenue', 'recency']);
    expect(p.terms.find((t) => t.term === 'gigs')).toMatchObject({ value: 7, points: 14 });
    expect(p.terms.find((t) => t.term === 'revenue')).toMatchObject({ value: 245_000, points: 19.6 });
    expect(p.terms.find((t) => t.term === 'recency')).toMatchObject({ value: 932 });
    expect(p.score).toBeCloseTo(
      p.terms.reduce((a, t) => a + t.points, 0),
      6,
    );
  });

  it('ranks the more recent of two otherwise equal clients higher', () => {
    const a = buildStats({ lastDate: addDays(ASOF, -400) });
    const b = buildStats({ lastDate: addDays(ASOF, -800) });
    expect(priorityOf(a, classifyClient(a, ASOF))!.score).toBeGreaterThan(priorityOf(b, classifyClient(b, ASOF))!.score);
  });

  it('has no priority for a prospect', () => {
    const p = buildStats({ gigs: 0, revenueCents: 0, firstDate: null, lastDate: null });
    expect(priorityOf(p, classifyClient(p, ASOF))).toBeNull();
  });
});

describe('potentialOf', () => {
  it('is the average price times the yearly gig rate, a short history counting as one year', () => {
    // YELLOW MONKEYS: 7 gigs at 350 € between 2022-10-01 and 2023-06-27 (under a year).
    expect(potentialOf(buildStats({ gigs: 7, revenueCents: 245_000, firstDate: '2022-10-01', lastDate: '2023-06-27' }))).toEqual({
      cents: 245_000,
      averagePriceCents: 35_000,
      gigsPerYear: 7,
      spanDays: 270,
    });
    // Two years of history: half the gigs per year.
    const two = potentialOf(buildStats({ gigs: 20, revenueCents: 200_000, firstDate: '2022-01-01', lastDate: '2023-12-31' }))!;
    expect(two.spanDays).toBe(730);
    expect(two.gigsPerYear).toBe(10.01);
    expect(two.cents).toBe(100_068);
  });

  it('is null without a gig and never negative', () => {
    expect(potentialOf(buildStats({ gigs: 0, revenueCents: 0, firstDate: null, lastDate: null }))).toBeNull();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        (gigs, cents, span) => {
          const p = potentialOf(buildStats({ gigs, revenueCents: cents, firstDate: addDays(ASOF, -span), lastDate: ASOF }))!;
          expect(p.cents).toBeGreaterThanOrEqual(0);
          expect(p.cents).toBeLessThanOrEqual(cents);
        },
      ),
    );
  });
});

describe('compareClients', () => {
  const named = (name: string, s: Partial<ClientStats>) => ({ name, segment: segmentClient(buildStats(s), ASOF) });
  it('sorts figures largest first, missing values last, then names the French way', () => {
    const list = [
      named('Éric', { gigs: 3 }),
      named('eve', { gigs: 3 }),
      named('Zoé', { gigs: 0, revenueCents: 0, firstDate: null, lastDate: null }),
      named('Adèle', { gigs: 5 }),
    ];
    expect([...list].sort(compareClients('gigs')).map((c) => c.name)).toEqual(['Adèle', 'Éric', 'eve', 'Zoé']);
    expect([...list].sort(compareClients('priority')).at(-1)!.name).toBe('Zoé');
    expect([...list].sort(compareClients('name')).map((c) => c.name)).toEqual(['Adèle', 'Éric', 'eve', 'Zoé']);
  });
});
