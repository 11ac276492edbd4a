import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive } from './bg-nbd';
import { summarizeTransactions } from './client-history';
import { type ClientGig, PREDICTION_HORIZON_WEEKS, fitPortfolioModel, predictClient } from './client-predictions';

const REFERENCE = '2025-06-30';

/** A client: first gig `start` days before the reference date, then gigs `gaps` days apart. */
function buildClient(start: number, gaps: readonly number[], amountCents = 80_000): ClientGig[] {
  let date = addDays(REFERENCE, -start);
  const gigs: ClientGig[] = [{ date, amountCents }];
  for (const g of gaps) {
    date = addDays(date, g);
    gigs.push({ date, amountCents });
  }
  return gigs;
}

describe('summarizeTransactions (conventions)', () => {
  it('counts distinct days, adds same-day amounts, measures weeks, ignores later gigs', () => {
    const s = summarizeTransactions(
      [
        { date: '2025-01-01', amount: 100 },
        { date: '2025-01-15', amount: 50 },
        { date: '2025-01-15', amount: 70 },
        { date: '2025-02-12', amount: 30 },
        { date: '2025-08-01', amount: 999 },
      ],
      '2025-03-12',
    );
    expect(s).toMatchObject({ x: 2, tx: 6, T: 10, zbar: 75, meanAmount: 250 / 3 });
    expect(summarizeTransactions([{ date: '2025-08-01', amount: 1 }], '2025-03-12')).toBeNull();
  });
});

describe('fitPortfolioModel and predictClient', () => {
  // A portfolio shaped like a DJ's: yearly regulars, occasional clients, one-offs.
  const portfolio: ClientGig[][] = [];
  for (let i = 0; i < 300; i++) {
    const start = 60 + ((i * 37) % 1500);
    if (i % 3 === 0) portfolio.push(buildClient(start, Array.from({ length: Math.floor(start / 365) }, () => 365), 60_000 + (i % 7) * 10_000));
    else if (i % 3 === 1) portfolio.push(buildClient(start, start > 400 ? [200] : [], 90_000));
    else portfolio.push(buildClient(start, [], 70_000));
  }
  const model = fitPortfolioModel(portfolio, REFERENCE);

  it('fits with confidence and gives consistent client predictions', () => {
    expect(model.bgNbd).not.toBeNull();
    expect(model.clients).toBe(300);
    expect(model.confidence).not.toBe('low');
    const regular = buildClient(3 * 365 + 20, [365, 365, 365]);
    const p = predictClient(regular, REFERENCE, model, 123_456);
    expect(p.basis).toBe('model');
    expect(p.x).toBe(3);
    const params = model.bgNbd as NonNullable<typeof model.bgNbd>;
    expect(p.pAlive).toBeCloseTo(bgNbdProbabilityAlive(params, 3, (3 * 365) / 7, (3 * 365 + 20) / 7), 12);
    expect(p.expectedGigs).toBeCloseTo(bgNbdConditionalExpectedPurchases(params, PREDICTION_HORIZON_WEEKS, 3, (3 * 365) / 7, (3 * 365 + 20) / 7), 12);
    expect(Number.isInteger(p.expectedRevenueCents)).toBe(true);
    expect(p.revenueIfWonBackCents).toBeGreaterThanOrEqual(p.expectedRevenueCents);
    // A regular who has just played is more likely alive than one silent for two years.
    const lapsed = predictClient(buildClient(5 * 365, [365, 365]), REFERENCE, model, 0);
    expect(lapsed.pAlive as number).toBeLessThan(p.pAlive as number);
  });

  it('falls back to the app’s potential with too few clients', () => {
    const small = fitPortfolioModel(portfolio.slice(0, 12), REFERENCE);
    expect(small.confidence).toBe('low');
    expect(small.reasons.length).toBeGreaterThan(0);
    const p = predictClient(portfolio[0] as ClientGig[], REFERENCE, small, 50_000);
    expect(p.basis).toBe('history');
    expect(p.expectedRevenueCents).toBe(50_000);
  });

  it('handles an empty portfolio and a client without history', () => {
    const empty = fitPortfolioModel([], REFERENCE);
    expect(empty.bgNbd).toBeNull();
    const p = predictClient([], REFERENCE, empty, 10_000);
    expect(p).toMatchObject({ pAlive: null, expectedGigs: null, expectedRevenueCents: 10_000, basis: 'history' });
    expect(predictClient([], REFERENCE, model, -5).expectedRevenueCents).toBe(0);
  });
});

describe('invariants over random small portfolios (fast-check)', () => {
  const gigArb = fc.record({ daysAgo: fc.integer({ min: -30, max: 3000 }), amountCents: fc.integer({ min: 0, max: 500_000 }) });
  const clientArb = fc.array(gigArb, { minLength: 0, maxLength: 12 }).map((gigs) => gigs.map((g) => ({ date: addDays(REFERENCE, -g.daysAgo), amountCents: g.amountCents })));
  const portfolioArb = fc.array(clientArb, { minLength: 0, maxLength: 60 });

  it('never NaN, probabilities in [0, 1], expectations ≥ 0, integer cents, won-back ≥ expected', () => {
    fc.assert(
      fc.property(portfolioArb, fc.integer({ min: -1000, max: 1_000_000 }), (clients, potential) => {
        const model = fitPortfolioModel(clients, REFERENCE);
        expect(['high', 'medium', 'low']).toContain(model.confidence);
        if (model.bgNbd) for (const v of Object.values(model.bgNbd)) expect(Number.isFinite(v) && v > 0).toBe(true);
        for (const gigs of clients) {
          const p = predictClient(gigs, REFERENCE, model, potential);
          if (p.pAlive !== null) expect(p.pAlive >= 0 && p.pAlive <= 1).toBe(true);
          if (p.expectedGigs !== null) expect(Number.isFinite(p.expectedGigs) && p.expectedGigs >= 0).toBe(true);
          for (const c of [p.expectedRevenueCents, p.revenueIfWonBackCents, p.expectedGigCents]) {
            expect(Number.isInteger(c) && c >= 0).toBe(true);
          }
          expect(p.revenueIfWonBackCents).toBeGreaterThanOrEqual(p.expectedRevenueCents);
          if (p.basis === 'history') expect(p.expectedRevenueCents).toBe(Math.max(0, potential));
        }
      }),
      { numRuns: 60, seed: 20250630 },
    );
  });
});
