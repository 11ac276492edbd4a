import { describe, expect, it } from 'vitest';
import { readCdnowCsv } from '../../../test/fixtures/cdnow/load-cdnow';
import {
  type GammaGammaParams,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaPopulationMean,
} from './gamma-gamma';
import { lnBeta, lnGamma } from './special-functions';

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);
const rows = readCdnowCsv('cdnow_customers_summary_with_transactions.csv');
const PAPER: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const LIFETIMES: GammaGammaParams = { p: 6.2488024961, q: 3.7445884609, gamma: 15.4477480649 };

describe('Gamma-Gamma fit on the 946 CDNOW repeaters (Fader, Hardie & Lee 2005 JMR; note 025)', () => {
  const fit = fitGammaGamma({ x: rows.map((r) => r.x as number), zbar: rows.map((r) => r.zbar as number) });

  it('uses only customers with x ≥ 1 and z̄ > 0', () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
  });

  it('matches the published p = 6.25, q = 3.74, γ = 15.44 within ±0.015', () => {
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.015);
  });

  it('matches the unrounded lifetimes optimum to 1e-4 relative, LL −4055.923', () => {
    for (const k of ['p', 'q', 'gamma'] as const) expect(rel(fit.params[k], LIFETIMES[k])).toBeLessThan(1e-4);
    expect(fit.logLikelihood).toBeCloseTo(-4055.923244, 5);
  });

  it('fits the same in cents with spendScale: p, q unchanged, γ and the LL shift by the unit', () => {
    const cents = fitGammaGamma(
      { x: rows.map((r) => r.x as number), zbar: rows.map((r) => (r.zbar as number) * 100) },
      { spendScale: 3508 },
    );
    expect(rel(cents.params.p, fit.params.p)).toBeLessThan(1e-6);
    expect(rel(cents.params.q, fit.params.q)).toBeLessThan(1e-6);
    expect(rel(cents.params.gamma, fit.params.gamma * 100)).toBeLessThan(1e-6);
    // z̄ in cents: the density of z̄ is 100 times smaller per customer.
    expect(cents.logLikelihood).toBeCloseTo(fit.logLikelihood - 946 * Math.log(100), 5);
  });

  it('has standard errors of the log-parameters, small on 946 customers', () => {
    const se = fit.logParamStandardErrors as number[];
    expect(se).toHaveLength(3);
    for (const v of se) expect(v > 0.01 && v < 0.5).toBe(true);
  });

  it('gives the implied population mean pγ/(q−1) = 35.17 (fitted) and 35.22 (rounded)', () => {
    expect(gammaGammaPopulationMean(fit.params)).toBeCloseTo(35.17, 2);
    expect(gammaGammaPopulationMean(PAPER)).toBeCloseTo(35.22, 2);
    expect(gammaGammaPopulationMean({ p: 1, q: 1, gamma: 1 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Gamma-Gamma log-density of the mean (Eq. 1a)', () => {
  it('equals the textbook form', () => {
    const { p, q, gamma } = PAPER;
    for (const [x, z] of [
      [1, 10],
      [5, 42.3],
      [20, 3.1],
    ] as const) {
      const textbook =
        lnGamma(p * x + q) -
        lnGamma(p * x) -
        lnGamma(q) +
        q * Math.log(gamma) +
        (p * x - 1) * Math.log(z) +
        p * x * Math.log(x) -
        (p * x + q) * Math.log(gamma + x * z);
      expect(rel(gammaGammaLogLikelihood(PAPER, x, z), textbook)).toBeLessThan(1e-12);
      expect(lnBeta(p * x, q)).toBeCloseTo(lnGamma(p * x) + lnGamma(q) - lnGamma(p * x + q), 12);
    }
  });
});

describe('E[M | x, z̄] (Eq. 5), IDs 1..10 (Hardie’s note-025 spreadsheet, via lifetimes)', () => {
  const first10 = rows.slice(0, 10);
  it('at the rounded params, within 0.1 of the spreadsheet and at the exact values', () => {
    const sheet = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    first10.forEach((r, i) => {
      expect(Math.abs(gammaGammaConditionalExpectedSpend(PAPER, r.x as number, r.zbar as number) - (sheet[i] as number))).toBeLessThan(0.1);
    });
    const exact: Record<number, number> = { 0: 24.6637, 1: 18.9169, 2: 35.219, 5: 71.4697, 8: 27.2884 };
    for (const [i, want] of Object.entries(exact)) {
      const r = first10[Number(i)] as Record<string, number>;
      expect(gammaGammaConditionalExpectedSpend(PAPER, r.x as number, r.zbar as number)).toBeCloseTo(want, 4);
    }
  });

  it('at the fitted params, the lifetimes Quickstart values (printed from a slightly different run: 1e-5 relative)', () => {
    const want = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
    first10.forEach((r, i) => {
      expect(rel(gammaGammaConditionalExpectedSpend(LIFETIMES, r.x as number, r.zbar as number), want[i] as number)).toBeLessThan(1e-5);
    });
  });

  it('x = 0 gives the population mean', () => {
    expect(gammaGammaConditionalExpectedSpend(LIFETIMES, 0, 0)).toBeCloseTo(gammaGammaPopulationMean(LIFETIMES), 12);
  });
});

describe('lifetimes_reference_predictions.csv exp_avg_spend, all 2,357 customers to 1e-6 relative', () => {
  it('reproduces every row', () => {
    const ref = readCdnowCsv('lifetimes_reference_predictions.csv');
    const params: GammaGammaParams = { p: 6.2488025, q: 3.7445885, gamma: 15.4477481 };
    expect(ref).toHaveLength(2357);
    let worst = 0;
    for (const r of ref)
      worst = Math.max(worst, rel(gammaGammaConditionalExpectedSpend(params, r.x as number, r.zbar as number), r.exp_avg_spend as number));
    expect(worst).toBeLessThan(1e-6);
    const mean = ref.reduce((s, r) => s + gammaGammaConditionalExpectedSpend(params, r.x as number, r.zbar as number), 0) / ref.length;
    expect(mean).toBeCloseTo(35.2529582, 5);
  });
});
