import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCdnowCsv } from '../../../test/fixtures/cdnow/load-cdnow';
import {
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  bgNbdTotalLogLikelihood,
  fitBgNbd,
} from './bg-nbd';
import { groupSummaries } from './customer-data';

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

const summary = readCdnowCsv('cdnow_customers_summary.csv');
const data = {
  x: summary.map((r) => r.frequency as number),
  tx: summary.map((r) => r.recency as number),
  T: summary.map((r) => r.T as number),
};
const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// REFERENCE.md §4, lifetimes BFGS on these exact files.
const LIFETIMES: BgNbdParams = { r: 0.2425929283, alpha: 4.4135322653, a: 0.792885966, b: 2.4257523826 };

describe('BG/NBD fit on the CDNOW sample (Fader, Hardie & Lee 2005, Sec. 7)', () => {
  const fit = fitBgNbd(data);

  it('matches the published estimates and log-likelihood', () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r.toFixed(3)).toBe('0.243');
    expect(fit.params.alpha.toFixed(3)).toBe('4.414');
    expect(fit.params.a.toFixed(3)).toBe('0.793');
    expect(fit.params.b.toFixed(3)).toBe('2.426');
    expect(fit.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(fit.logLikelihood).toBeCloseTo(-9582.425561, 5);
    expect(fit.customers).toBe(2357);
    expect(fit.repeaters).toBe(946);
  });

  it('matches the unrounded lifetimes optimum to 1e-4 relative', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(rel(fit.params[k], LIFETIMES[k])).toBeLessThan(1e-4);
  });

  it('has the lifetimes standard errors (r 0.012557, α 0.378221, a 0.185719, b 0.705345)', () => {
    const se = fit.logParamStandardErrors;
    expect(se).not.toBeNull();
    const [sr, sAlpha, sa, sb] = se as number[];
    // delta method: se(θ) ≈ θ · se(ln θ)
    expect(rel((sr as number) * fit.params.r, 0.012557)).toBeLessThan(0.01);
    expect(rel((sAlpha as number) * fit.params.alpha, 0.378221)).toBeLessThan(0.01);
    expect(rel((sa as number) * fit.params.a, 0.185719)).toBeLessThan(0.01);
    expect(rel((sb as number) * fit.params.b, 0.705345)).toBeLessThan(0.01);
  });

  it('gives the same fit on grouped rows with weights', () => {
    const grouped = groupSummaries(data);
    expect(grouped.x.length).toBeLessThan(2357);
    const weighted = fitBgNbd(grouped);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(rel(weighted.params[k], fit.params[k])).toBeLessThan(1e-6);
    expect(weighted.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('gives the LL at the rounded paper params (REFERENCE §4: −9582.426831)', () => {
    expect(bgNbdTotalLogLikelihood(PAPER, data)).toBeCloseTo(-9582.426831, 5);
  });

  it('is invariant to the time unit (days instead of weeks): same r, a, b; α × 7', () => {
    const days = fitBgNbd({ x: data.x, tx: data.tx.map((t) => t * 7), T: data.T.map((t) => t * 7) });
    expect(rel(days.params.alpha, fit.params.alpha * 7)).toBeLessThan(1e-6);
    expect(rel(days.params.r, fit.params.r)).toBeLessThan(1e-6);
    expect(rel(days.params.b, fit.params.b)).toBeLessThan(1e-6);
  });

  it('shrinks towards 0 with lifetimes’ penalizer', () => {
    const penalised = fitBgNbd(data, { penalizer: 0.1 });
    expect(penalised.converged).toBe(true);
    const sum = (p: BgNbdParams) => p.r + p.alpha / 38.86 + p.a + p.b;
    expect(sum(penalised.params)).toBeLessThan(sum(fit.params));
  });
});

describe('BG/NBD point values (REFERENCE.md §3)', () => {
  const fitted = LIFETIMES;

  it('E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226 (Hardie’s Excel sheet)', () => {
    expect(Math.abs(bgNbdConditionalExpectedPurchases(fitted, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.001);
    expect(bgNbdConditionalExpectedPurchases(fitted, 39, 2, 30.43, 38.86)).toBeCloseTo(1.2259104, 6);
    expect(bgNbdConditionalExpectedPurchases(PAPER, 39, 2, 30.43, 38.86)).toBeCloseTo(1.2260282, 6);
  });

  it('E[X(t)] (Eq. 9) at the fitted params', () => {
    const ts = [0.1429, 1, 3, 31.8571, 32, 78];
    const published = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    const exact = [0.0078161, 0.0531847, 0.1506319, 1.0404942, 1.0437372, 1.8579717];
    ts.forEach((t, i) => {
      const got = bgNbdExpectedPurchases(fitted, t);
      expect(Math.abs(got - (published[i] as number))).toBeLessThan(0.001);
      expect(got).toBeCloseTo(exact[i] as number, 7);
    });
    expect(bgNbdExpectedPurchases(fitted, 0)).toBe(0);
  });

  it('P(X(t)=n) (Eq. 8) at the paper params', () => {
    expect(rel(bgNbdProbabilityOfPurchases(PAPER, 2, 10), 1.07869e-7)).toBeLessThan(1e-5);
    expect(bgNbdProbabilityOfPurchases(PAPER, 39, 0)).toBeCloseTo(0.5737864, 7);
    const want = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613,
      0.000222226,
    ];
    want.forEach((w, i) => expect(bgNbdProbabilityOfPurchases(PAPER, 30, 11 + i)).toBeCloseTo(w, 10));
  });

  it('P(X(t)=n) sums to 1 over n', () => {
    let s = 0;
    for (let n = 0; n < 400; n++) s += bgNbdProbabilityOfPurchases(PAPER, 39, n);
    expect(s).toBeCloseTo(1, 6);
  });

  it('single-customer log-likelihoods, numerically stable (PyMC-Marketing, Hardie note 027)', () => {
    const p: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    expect(bgNbdLogLikelihood(p, 200, 38, 40)).toBeCloseTo(100.7957, 4);
    expect(bgNbdLogLikelihood(p, 0, 0, 40)).toBeCloseTo(-0.59947382, 8);
    expect(Number.isFinite(bgNbdLogLikelihood(p, 5000, 39.9, 40))).toBe(true);
  });

  it('P(alive) (Hardie note 021)', () => {
    expect(bgNbdProbabilityAlive(fitted, 2, 30.43, 38.86)).toBeCloseTo(0.7266091, 6);
    expect(bgNbdProbabilityAlive(PAPER, 2, 30.43, 38.86)).toBeCloseTo(0.7265786, 6);
    expect(bgNbdProbabilityAlive(fitted, 1, 1.71, 38.86)).toBeCloseTo(0.2122274, 6);
    // REFERENCE §3 prints 0.6418010; lifetimes_reference_predictions.csv has 0.6418006394 at the same params.
    expect(bgNbdProbabilityAlive(fitted, 7, 29.43, 38.86)).toBeCloseTo(0.641801, 6);
    expect(bgNbdProbabilityAlive(fitted, 7, 29.43, 38.86)).toBeCloseTo(0.6418006394, 9);
    // REFERENCE §3 prints 0.7848080; the CSV has 0.7848075682: agree to 5e-7.
    expect(bgNbdProbabilityAlive(fitted, 2, 35.71, 38.86)).toBeCloseTo(0.784808, 6);
    expect(bgNbdProbabilityAlive(fitted, 29, 37.71, 38)).toBeCloseTo(0.969134, 6); // ID 157
    expect(bgNbdProbabilityAlive(fitted, 26, 30.86, 31)).toBeCloseTo(0.9689197, 6); // ID 1516
    expect(bgNbdProbabilityAlive(fitted, 0, 0, 38.86)).toBe(1);
    expect(bgNbdProbabilityAlive(fitted, 0, 0, 1000)).toBe(1);
  });

  it('top 5 E[Y(1)] of the lifetimes Quickstart', () => {
    const cases: [number, number, number, number][] = [
      [18, 35.14, 35.86, 0.424877],
      [19, 34.0, 34.14, 0.474738],
      [17, 28.43, 28.86, 0.486526],
      [29, 37.71, 38.0, 0.662396],
      [26, 30.86, 31.0, 0.710623],
    ];
    for (const [x, tx, T, want] of cases) expect(bgNbdConditionalExpectedPurchases(fitted, 1, x, tx, T)).toBeCloseTo(want, 6);
  });

  it('stays finite and positive for extreme customers', () => {
    const p: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    for (const [x, tx, T] of [
      [200, 38, 40],
      [2000, 39.99, 40],
      [1, 0.01, 500],
    ] as const) {
      const y = bgNbdConditionalExpectedPurchases(p, 52, x, tx, T);
      expect(Number.isFinite(y) && y >= 0).toBe(true);
    }
    // a = 1 exactly: Eq. 9/10 as written divide 0 by 0.
    const y1 = bgNbdConditionalExpectedPurchases({ ...p, a: 1 }, 39, 3, 20, 30);
    const yNear = bgNbdConditionalExpectedPurchases({ ...p, a: 1 + 1e-7 }, 39, 3, 20, 30);
    expect(rel(y1, yNear)).toBeLessThan(1e-6);
  });
});

describe('lifetimes_reference_predictions.csv: all 2,357 customers to 1e-6 relative', () => {
  const rows = readCdnowCsv('lifetimes_reference_predictions.csv');
  const params: BgNbdParams = { r: 0.2425929, alpha: 4.4135323, a: 0.792886, b: 2.4257524 };

  it('reproduces p_alive, exp_purchases_1wk and exp_purchases_39wk', () => {
    expect(rows).toHaveLength(2357);
    let worst = 0;
    for (const row of rows) {
      const [x, tx, T] = [row.x as number, row.t_x as number, row.T as number];
      worst = Math.max(
        worst,
        rel(bgNbdProbabilityAlive(params, x, tx, T), row.p_alive as number),
        rel(bgNbdConditionalExpectedPurchases(params, 1, x, tx, T), row.exp_purchases_1wk as number),
        rel(bgNbdConditionalExpectedPurchases(params, 39, x, tx, T), row.exp_purchases_39wk as number),
      );
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('BG/NBD invariants over random parameters and customers (fast-check)', () => {
  const paramsArb = fc.record({
    r: fc.double({ min: 0.01, max: 50, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    a: fc.double({ min: 0.01, max: 50, noNaN: true }),
    b: fc.double({ min: 0.01, max: 50, noNaN: true }),
  });
  const customerArb = fc
    .record({
      x: fc.integer({ min: 0, max: 300 }),
      T: fc.double({ min: 0, max: 600, noNaN: true }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : T * share }));

  it('P(alive) in [0, 1]; E[Y(t)] finite, ≥ 0 and non-decreasing in t; LL finite', () => {
    fc.assert(
      fc.property(paramsArb, customerArb, fc.double({ min: 0.1, max: 100, noNaN: true }), (p, c, t) => {
        const alive = bgNbdProbabilityAlive(p, c.x, c.tx, c.T);
        expect(alive >= 0 && alive <= 1).toBe(true);
        const y1 = bgNbdConditionalExpectedPurchases(p, t, c.x, c.tx, c.T);
        const y2 = bgNbdConditionalExpectedPurchases(p, 2 * t, c.x, c.tx, c.T);
        expect(Number.isFinite(y1) && y1 >= 0).toBe(true);
        expect(y2).toBeGreaterThanOrEqual(y1 * (1 - 1e-9));
        expect(Number.isFinite(bgNbdLogLikelihood(p, c.x, c.tx, c.T))).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('rejects impossible rows', () => {
    expect(() => fitBgNbd({ x: [1.5], tx: [1], T: [2] })).toThrow(RangeError);
    expect(() => fitBgNbd({ x: [1], tx: [3], T: [2] })).toThrow(RangeError);
    expect(() => fitBgNbd({ x: [0], tx: [1], T: [2] })).toThrow(RangeError);
  });
});
