import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, lnBeta, lnGamma, logistic, oneMinusEulerHyp2f1OverEps, softplus } from './special-functions';

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('lnGamma', () => {
  it.each([
    [0.5, 0.5723649429247001], // ln √π
    [2.5, 0.2846828704729192],
    [10, 12.801827480081469], // ln 9!
    [100, 359.1342053695754],
    [0.001, 6.907178885383854],
    [1e-8, 18.420680738180209],
    [171, 706.5730622457874],
  ])('lnΓ(%d)', (x, want) => {
    expect(rel(lnGamma(x), want)).toBeLessThan(1e-14);
  });

  it('is exactly 0-ish at 1 and 2 and follows Γ(x+1) = xΓ(x)', () => {
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(lnGamma(2))).toBeLessThan(1e-15);
    for (const x of [0.3, 1.7, 3.2, 25.5, 999.25]) {
      expect(rel(lnGamma(x + 1), lnGamma(x) + Math.log(x))).toBeLessThan(1e-14);
    }
  });

  it('is continuous where it switches to Stirling', () => {
    expect(rel(lnGamma(1e6 + 1), lnGamma(1e6) + Math.log(1e6))).toBeLessThan(1e-15);
  });
});

describe('digamma', () => {
  it.each([
    [1, -0.5772156649015329],
    [0.5, -1.9635100260214235],
    [0.1, -10.423754940411076],
    [10, 2.251752589066721],
    [1000, 6.907255195648812],
  ])('ψ(%d)', (x, want) => {
    expect(rel(digamma(x), want)).toBeLessThan(1e-14);
  });

  it('is the derivative of lnGamma', () => {
    for (const x of [0.25, 2.43, 7.1, 60]) {
      const h = 1e-5 * x;
      expect(rel((lnGamma(x + h) - lnGamma(x - h)) / (2 * h), digamma(x))).toBeLessThan(1e-7);
    }
  });
});

describe('lnBeta, softplus, logistic', () => {
  it('lnBeta matches B(2,3) = 1/12 and B(0.5, 0.5) = π', () => {
    expect(rel(lnBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
    expect(rel(lnBeta(0.5, 0.5), Math.log(Math.PI))).toBeLessThan(1e-14);
  });
  it('softplus and logistic do not overflow', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(logistic(-1000)).toBe(0);
    expect(logistic(1000)).toBe(1);
    expect(logistic(0)).toBe(0.5);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [0.1, 0.5, 0.9]) {
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-13);
      expect(rel(hyp2f1(0.7, 1.3, 1.3, z), Math.pow(1 - z, -0.7))).toBeLessThan(1e-13);
      const s = Math.sqrt(z);
      expect(rel(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(s) / s)).toBeLessThan(1e-13);
    }
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('agrees with its Euler transformation', () => {
    const [a, b, c, z] = [2.3, 4.1, 3.2, 0.45];
    expect(rel(hyp2f1(a, b, c, z), Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z))).toBeLessThan(1e-12);
  });

  it('goes through Euler when the direct series overflows: +∞ for a true overflow, never NaN', () => {
    // ₂F₁(400, 400; 1; 0.9) ≈ 0.1^(−799) × finite: beyond double range, so +∞ is the right answer.
    expect(hyp2f1(400, 400, 1, 0.9)).toBe(Number.POSITIVE_INFINITY);
    expect(rel(hyp2f1(200.25, 202.5, 201.3, 0.3), Math.pow(0.7, 201.3 - 200.25 - 202.5) * hyp2f1(1.05, -1.2, 201.3, 0.3))).toBeLessThan(
      1e-12,
    );
  });

  it('rejects z outside [0, 1)', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('oneMinusEulerHyp2f1OverEps', () => {
  it('equals (1 − (1−z)^ε ₂F₁(A, ε; C; z)) / ε computed naively where that is accurate', () => {
    for (const [A, eps, C, z] of [
      [2.5, -0.2, 3.3, 0.4],
      [1.7, 0.6, 5, 0.8],
      [0.95, -0.207, 2.22, 0.47],
    ] as const) {
      const naive = (1 - Math.pow(1 - z, eps) * hyp2f1(A, eps, C, z)) / eps;
      expect(rel(oneMinusEulerHyp2f1OverEps(A, eps, C, z), naive)).toBeLessThan(1e-12);
    }
  });

  it('is continuous through ε = 0 (a = 1 in BG/NBD)', () => {
    const at0 = oneMinusEulerHyp2f1OverEps(2.5, 0, 3.3, 0.4);
    expect(rel(oneMinusEulerHyp2f1OverEps(2.5, 1e-9, 3.3, 0.4), at0)).toBeLessThan(1e-8);
    expect(rel(oneMinusEulerHyp2f1OverEps(2.5, -1e-9, 3.3, 0.4), at0)).toBeLessThan(1e-8);
  });
});
