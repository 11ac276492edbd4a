import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive } from './bg-nbd';
import { gammaGammaPopulationMean } from './gamma-gamma';
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
  const portfolio = portfolio300();
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
    expect(p.expectedGigs).toBeCloseTo(
      bgNbdConditionalExpectedPurchases(params, PREDICTION_HORIZON_WEEKS, 3, (3 * 365) / 7, (3 * 365 + 20) / 7),
      12,
    );
    expect(Number.isInteger(p.expectedRevenueCents)).toBe(true);
    expect(p.revenueIfWonBackCents).toBeGreaterThanOrEqual(p.expectedRevenueCents);
    // A regular who has just played is more likely alive than one silent for two years.
    const lapsed = predictClient(buildClient(5 * 365, [365, 365]), REFERENCE, model, 0);
    expect(lapsed.pAlive as number).toBeLessThan(p.pAlive as number);
  });

  it('with too few clients, the potential is what the client is worth if won back; expected revenue stays the model’s', () => {
    const small = fitPortfolioModel(portfolio.slice(0, 12), REFERENCE);
    expect(small.confidence).toBe('low');
    expect(small.reasons).toContainEqual({ code: 'few_clients', fit: 'frequency', count: 12 });
    const p = predictClient(portfolio[0] as ClientGig[], REFERENCE, small, 5_000_000);
    expect(p.basis).toBe('history');
    expect(p.revenueIfWonBackCents).toBe(5_000_000);
    // Expected revenue agrees with the expected gigs, whatever the potential says.
    expect(Math.abs(p.expectedRevenueCents - (p.expectedGigs as number) * p.expectedGigCents)).toBeLessThanOrEqual(
      (p.expectedGigs as number) / 2 + 0.5,
    );
    expect(predictClient(portfolio[0] as ClientGig[], REFERENCE, small, 1).revenueIfWonBackCents).toBe(p.expectedRevenueCents);
  });

  it('gives a single-gig client the population mean spend (note 025), not its one amount', () => {
    const oneGig = buildClient(400, [], 999_900);
    const p = predictClient(oneGig, REFERENCE, model, 0);
    const gg = model.gammaGamma as NonNullable<typeof model.gammaGamma>;
    expect(p.spendBasis).toBe('population');
    expect(p.expectedGigCents).toBe(Math.round(gammaGammaPopulationMean(gg)));
    expect(p.expectedGigCents).toBeLessThan(200_000);
    // A repeat client's own amounts count.
    const regular = predictClient(buildClient(800, [365], 200_000), REFERENCE, model, 0);
    expect(regular.spendBasis).toBe('client');
    expect(regular.expectedGigCents).toBeGreaterThan(p.expectedGigCents);
  });

  it('grades the spend fit too, and the reason names it', () => {
    // Same gig pattern, but amounts on the repeat gigs of only 12 clients: frequency is well known, spend is not.
    let withAmount = 0;
    const sparse = portfolio.map((gigs) =>
      gigs.map((g, i) => ({ ...g, amountCents: i === 0 || (gigs.length > 1 && withAmount++ < 12 * 2) ? g.amountCents : 0 })),
    );
    const m = fitPortfolioModel(sparse, REFERENCE);
    // The frequency fit does not see amounts: its reasons stay; the spend fit's are added, naming it.
    const frequency = model.reasons.filter((r) => r.fit === 'frequency');
    expect(m.reasons.filter((r) => r.fit === 'frequency')).toEqual(frequency);
    const spend = m.reasons.filter((r) => r.fit === 'spend');
    expect(spend).toMatchObject([
      { code: 'under_spenders', fit: 'spend', threshold: 50 },
      { code: 'uncertain', fit: 'spend' },
    ]);
    expect(spend[0]?.count).toBeGreaterThanOrEqual(10);
    expect(spend[0]?.count).toBeLessThan(50);
    const none = fitPortfolioModel(
      portfolio.map((gigs) => gigs.map((g) => ({ ...g, amountCents: 0 }))),
      REFERENCE,
    );
    expect(none.reasons.filter((r) => r.fit === 'spend')).toEqual([{ code: 'few_spenders', fit: 'spend', count: 0 }]);
    expect(none.confidence).toBe('low');
    expect(none.gammaGamma).toBeNull();
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
  const clientArb = fc
    .array(gigArb, { minLength: 0, maxLength: 12 })
    .map((gigs) => gigs.map((g) => ({ date: addDays(REFERENCE, -g.daysAgo), amountCents: g.amountCents })));
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
          if (p.expectedGigs === null) expect(p.expectedRevenueCents).toBe(Math.max(0, potential));
          else expect(Math.abs(p.expectedRevenueCents - p.expectedGigs * p.expectedGigCents)).toBeLessThanOrEqual(p.expectedGigs / 2 + 0.5);
          if (p.basis === 'history' && p.expectedGigs !== null)
            expect(p.revenueIfWonBackCents).toBe(Math.max(0, potential, p.expectedRevenueCents));
        }
      }),
      { numRuns: 60, seed: 20250630 },
    );
  });
});

describe('the currency unit changes nothing but revenue (fast-check)', () => {
  const gigArb = fc.record({ daysAgo: fc.integer({ min: 0, max: 2500 }), amountCents: fc.integer({ min: 1, max: 300_000 }) });
  const clientArb = fc
    .array(gigArb, { minLength: 1, maxLength: 10 })
    .map((gigs) => gigs.map((g) => ({ date: addDays(REFERENCE, -g.daysAgo), amountCents: g.amountCents })));
  const portfolioArb = fc.array(clientArb, { minLength: 15, maxLength: 60 });
  const close = (got: number, want: number, abs: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(abs + 1e-6 * Math.abs(want));

  function expectScaled(clients: ClientGig[][], factor: number): void {
    const scaled = clients.map((gigs) => gigs.map((g) => ({ ...g, amountCents: g.amountCents * factor })));
    const m1 = fitPortfolioModel(clients, REFERENCE);
    const m2 = fitPortfolioModel(scaled, REFERENCE);
    expect(m2.confidence).toBe(m1.confidence);
    expect(m2.reasons).toEqual(m1.reasons);
    if (m1.gammaGamma && m2.gammaGamma) {
      close(m2.gammaGamma.p, m1.gammaGamma.p, 0);
      close(m2.gammaGamma.q, m1.gammaGamma.q, 0);
      close(m2.gammaGamma.gamma, m1.gammaGamma.gamma * factor, 0);
    } else expect(m2.gammaGamma).toBe(m1.gammaGamma);
    clients.forEach((gigs, i) => {
      const a = predictClient(gigs, REFERENCE, m1, 40_000);
      const b = predictClient(scaled[i] as ClientGig[], REFERENCE, m2, 40_000 * factor);
      expect(b.basis).toBe(a.basis);
      expect(b.spendBasis).toBe(a.spendBasis);
      if (a.pAlive === null) expect(b.pAlive).toBeNull();
      else close(b.pAlive as number, a.pAlive, 1e-9);
      if (a.expectedGigs === null) expect(b.expectedGigs).toBeNull();
      else close(b.expectedGigs as number, a.expectedGigs, 1e-9);
      // Rounding to whole cents happens after scaling: within half a cent of the unscaled figure × factor.
      close(b.expectedGigCents, a.expectedGigCents * factor, factor / 2 + 0.5);
      close(b.expectedRevenueCents, a.expectedRevenueCents * factor, factor / 2 + 0.5);
      close(b.revenueIfWonBackCents, a.revenueIfWonBackCents * factor, factor / 2 + 0.5);
    });
  }

  it('× 100 on a 300-client portfolio', () => expectScaled(portfolio300(), 100));

  it('× 100 on random portfolios', () => {
    fc.assert(
      fc.property(portfolioArb, (clients) => expectScaled(clients, 100)),
      { numRuns: 40, seed: 100 },
    );
  });
});

function portfolio300(): ClientGig[][] {
  const out: ClientGig[][] = [];
  for (let i = 0; i < 300; i++) {
    const start = 60 + ((i * 37) % 1500);
    if (i % 3 === 0)
      out.push(
        buildClient(
          start,
          Array.from({ length: Math.floor(start / 365) }, () => 365),
          60_000 + (i % 7) * 10_000,
        ),
      );
    else if (i % 3 === 1) out.push(buildClient(start, start > 400 ? [200] : [], 90_000 + (i % 5) * 7_000));
    else out.push(buildClient(start, [], 70_000));
  }
  return out;
}
