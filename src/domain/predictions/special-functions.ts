/**
 * Special functions for the BG/NBD and Gamma-Gamma models (pure, no dependency).
 * Accuracy targets: lnGamma ~1e-15 relative away from its zeros (x = 1, 2), digamma ~1e-14.
 */

// Lanczos approximation, g = 7, n = 9 (the coefficient set used by Numerical Recipes 3rd ed. and
// most numeric libraries): relative error below 2e-15 for real x > 0.5.
const LANCZOS_G = 7;
const LANCZOS_COEFFS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (reflection formula below 0.5, so small positive x keep full accuracy). */
export function lnGamma(x: number): number {
  if (x < 0.5) {
    // Γ(x)Γ(1−x) = π / sin(πx); for 0 < x < 0.5, sin(πx) > 0.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  if (x > 1e6) {
    // Stirling's series; Lanczos loses nothing here but the series is exact enough and cheaper.
    const inv = 1 / x;
    const inv2 = inv * inv;
    return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
  }
  const y = x - 1;
  let sum = LANCZOS_COEFFS[0];
  for (let i = 1; i < LANCZOS_COEFFS.length; i++) sum += (LANCZOS_COEFFS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LN_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: upward recurrence to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let y = x;
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Bernoulli terms B_2k / (2k y^2k), k = 1..6: the first omitted term is below 1e-15 at y ≥ 10.
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return result + Math.log(y) - 0.5 * inv - series;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1 / (1 + e^−x) without overflow. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const SERIES_MAX_TERMS = 200_000;
const SERIES_EPS = 1e-16;

/** Plain Gauss series Σ (a)_k (b)_k / ((c)_k k!) z^k; NaN if it overflows or does not settle. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < SERIES_MAX_TERMS; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (!Number.isFinite(sum)) return Number.NaN;
    if (Math.abs(term) <= SERIES_EPS * Math.abs(sum)) return sum;
  }
  return Number.NaN;
}

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0. Direct series first; when it
 * overflows (large a, b as with big x in BG/NBD Eq. 10) Euler's transformation
 * ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z), the fallback lifetimes uses (REFERENCE §5).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  if (z === 0) return 1;
  const direct = hyp2f1Series(a, b, c, z);
  if (Number.isFinite(direct)) return direct;
  const euler = hyp2f1Series(c - a, c - b, c, z);
  return Math.pow(1 - z, c - a - b) * euler;
}

/**
 * (1 − (1−z)^ε · ₂F₁(A, ε; C; z)) / ε, evaluated without cancellation, for 0 ≤ z < 1.
 *
 * Why: BG/NBD Eq. 9 and 10 both reduce, after Euler's transformation, to
 * (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)] (see bg-nbd.ts), which loses
 * every digit when a → 1 and overflows when x is large if computed as written. With
 * ₂F₁(A, ε; C; z) = 1 + ε·S, the bracket over ε is −expm1(ε ln(1−z))/ε − (1−z)^ε · S, both finite.
 */
export function oneMinusEulerHyp2f1OverEps(A: number, eps: number, C: number, z: number): number {
  if (z === 0) return 0;
  const L = Math.log1p(-z);
  const first = eps === 0 ? -L : -Math.expm1(eps * L) / eps;
  // S = Σ_{k≥1} (A)_k (1+ε)_{k−1} / ((C)_k k!) z^k
  let term = (A * z) / C;
  let s = term;
  for (let k = 1; k < SERIES_MAX_TERMS; k++) {
    term *= ((A + k) * (eps + k) * z) / ((C + k) * (k + 1));
    s += term;
    if (Math.abs(term) <= SERIES_EPS * Math.abs(s)) break;
  }
  return first - Math.exp(eps * L) * s;
}
