/**
 * BG/NBD model: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative
 * to the Pareto/NBD Model", Marketing Science 24(2). Equation numbers below are the paper's; the
 * P(alive) form is Hardie's note 021 and the stable log-likelihood is note 027.
 *
 * While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase they
 * drop out with probability p ~ Beta(a, b). Time is in whatever unit (x, t_x, T) use — weeks here.
 */
import { type GroupedSummaries, type RepeatSummaries, groupSummaries } from './customer-data';
import { curvatureStandardErrors, minimizeBfgs } from './optimize';
import { digamma, lnBeta, lnGamma, logistic, oneMinusEulerHyp2f1OverEps, softplus } from './special-functions';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFitOptions {
  /**
   * lifetimes' L2 penalty: `penalizer · (r² + α'² + a² + b²)` added to the *mean* negative
   * log-likelihood, with α' the scale parameter on time divided by max(T) (lifetimes fits on that
   * scale). 0 (the default) is plain maximum likelihood.
   */
  penalizer?: number;
  /**
   * `logPenalizer · Σ (ln θ')²` on the same mean scale, θ' = (r, α', a, b): a Gaussian prior on the
   * log-parameters centred on (1, max(T), 1, 1) — a = b = 1 is a uniform dropout probability. Unlike
   * lifetimes' penalty, which pulls a and b to the degenerate boundary 0, this keeps small
   * portfolios away from every boundary. 0 by default.
   */
  logPenalizer?: number;
  maxIterations?: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Σ weight · ℓ at `params`, on the data's own time scale, without the penalty (paper Eq. 7). */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Total weight (customers) and how many of them have x ≥ 1. */
  customers: number;
  repeaters: number;
  /**
   * Standard errors of ln r, ln α, ln a, ln b (≈ relative standard errors of the parameters) from
   * the inverse curvature of the minimised objective — the observed information when unpenalised;
   * null when the curvature is not positive definite, i.e. nothing pins the parameters down.
   */
  logParamStandardErrors: [number, number, number, number] | null;
}

/** Per-customer log-likelihood (Eq. 6 in log form, log-sum-exp of the two terms as note 027). */
export function bgNbdLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const base = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + lnBeta(a, b + x) - lnBeta(a, b);
  const u1 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return base + u1;
  const u2 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return base + u1 + softplus(u2 - u1);
}

/** Sample log-likelihood Σ weight · ℓ (Eq. 7). */
export function bgNbdTotalLogLikelihood(params: BgNbdParams, data: RepeatSummaries): number {
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weight ? (data.weight[i] as number) : 1;
    total += w * bgNbdLogLikelihood(params, data.x[i] as number, data.tx[i] as number, data.T[i] as number);
  }
  return total;
}

interface PreparedData extends GroupedSummaries {
  /** Index of each row's x in `distinctX`, so Γ/ψ terms are computed once per distinct x. */
  xIndex: Int32Array;
  distinctX: number[];
  totalWeight: number;
}

function prepare(grouped: GroupedSummaries): PreparedData {
  const distinctX = [...new Set(grouped.x)].sort((p, q) => p - q);
  const where = new Map(distinctX.map((x, i) => [x, i]));
  const xIndex = Int32Array.from(grouped.x, (x) => where.get(x) as number);
  const totalWeight = grouped.weight.reduce((s, w) => s + w, 0);
  return { ...grouped, xIndex, distinctX, totalWeight };
}

/**
 * Σ w ℓ and its gradient with respect to (r, α, a, b). Derivatives of Eq. 6: with
 * u₁ = −(r+x) ln(α+T), u₂ = ln a − ln(b+x−1) − (r+x) ln(α+t_x) and π = e^u₂ / (e^u₁ + e^u₂),
 * ∂ℓ/∂r = ψ(r+x) − ψ(r) + ln α − (1−π) ln(α+T) − π ln(α+t_x), ∂ℓ/∂α = r/α − (r+x)[(1−π)/(α+T) + π/(α+t_x)],
 * ∂ℓ/∂a = ψ(a+b) − ψ(a+b+x) + π/a, ∂ℓ/∂b = ψ(b+x) − ψ(b) + ψ(a+b) − ψ(a+b+x) − π/(b+x−1).
 */
function logLikelihoodAndGradient(p: BgNbdParams, d: PreparedData, grad: number[]): number {
  const { r, alpha, a, b } = p;
  const m = d.distinctX.length;
  const baseX = new Float64Array(m);
  const dr = new Float64Array(m);
  const da = new Float64Array(m);
  const db = new Float64Array(m);
  const lnBm1 = new Float64Array(m);
  const lnGr = lnGamma(r);
  const psiR = digamma(r);
  const lnBab = lnBeta(a, b);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  for (let k = 0; k < m; k++) {
    const x = d.distinctX[k] as number;
    if (x === 0) {
      baseX[k] = r * lnAlpha;
      dr[k] = lnAlpha;
      continue;
    }
    const psiABX = digamma(a + b + x);
    baseX[k] = lnGamma(r + x) - lnGr + r * lnAlpha + lnBeta(a, b + x) - lnBab;
    dr[k] = digamma(r + x) - psiR + lnAlpha;
    da[k] = psiAB - psiABX;
    db[k] = digamma(b + x) - psiB + psiAB - psiABX;
    lnBm1[k] = lnA - Math.log(b + x - 1);
  }
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const n = d.x.length;
  for (let i = 0; i < n; i++) {
    const k = d.xIndex[i] as number;
    const w = d.weight[i] as number;
    const x = d.x[i] as number;
    const aT = alpha + (d.T[i] as number);
    const lnAT = Math.log(aT);
    const rx = r + x;
    const u1 = -rx * lnAT;
    if (x === 0) {
      ll += w * (baseX[k] as number) + w * u1;
      gr += w * ((dr[k] as number) - lnAT);
      gAlpha += w * (r / alpha - rx / aT);
      continue;
    }
    const aTx = alpha + (d.tx[i] as number);
    const lnATx = Math.log(aTx);
    const diff = (lnBm1[k] as number) - rx * lnATx - u1;
    const pi = logistic(diff);
    ll += w * ((baseX[k] as number) + u1 + softplus(diff));
    gr += w * ((dr[k] as number) - (1 - pi) * lnAT - pi * lnATx);
    gAlpha += w * (r / alpha - rx * ((1 - pi) / aT + pi / aTx));
    ga += w * ((da[k] as number) + pi / a);
    gb += w * ((db[k] as number) - pi / (b + x - 1));
  }
  grad[0] = gr;
  grad[1] = gAlpha;
  grad[2] = ga;
  grad[3] = gb;
  return ll;
}

function paramsFromLog(theta: readonly number[]): BgNbdParams {
  return {
    r: Math.exp(theta[0] as number),
    alpha: Math.exp(theta[1] as number),
    a: Math.exp(theta[2] as number),
    b: Math.exp(theta[3] as number),
  };
}

/**
 * Maximum-likelihood fit of (r, α, a, b). Optimised in log-parameters (so they stay positive) by
 * BFGS with the analytic gradient, from (1, 1, 1, 1) on time rescaled by max(T), like lifetimes —
 * which keeps the problem well scaled whatever the time unit.
 */
export function fitBgNbd(data: RepeatSummaries, options: BgNbdFitOptions = {}): BgNbdFit {
  const grouped = groupSummaries(data);
  const maxT = grouped.T.reduce((m, t) => Math.max(m, t), 0);
  const scale = maxT > 0 ? maxT : 1;
  const prepared = prepare({
    x: grouped.x,
    tx: grouped.tx.map((t) => t / scale),
    T: grouped.T.map((t) => t / scale),
    weight: grouped.weight,
  });
  const customers = prepared.totalWeight;
  const repeaters = grouped.weight.reduce((s, w, i) => s + ((grouped.x[i] as number) > 0 ? w : 0), 0);
  const penalizer = options.penalizer ?? 0;
  const logPenalizer = options.logPenalizer ?? 0;
  const g = [0, 0, 0, 0];
  const objective = (theta: readonly number[], grad: number[]): number => {
    const p = paramsFromLog(theta);
    const ll = logLikelihoodAndGradient(p, prepared, g);
    const values = [p.r, p.alpha, p.a, p.b];
    let penalty = 0;
    for (let j = 0; j < 4; j++) {
      const v = values[j] as number;
      const t = theta[j] as number;
      penalty += penalizer * v * v + logPenalizer * t * t;
      // Chain rule through the log-parameterisation: ∂/∂θ = value · ∂/∂value.
      grad[j] = (-(g[j] as number) * v) / customers + 2 * penalizer * v * v + 2 * logPenalizer * t;
    }
    return -ll / customers + penalty;
  };
  const result = minimizeBfgs(objective, [0, 0, 0, 0], { maxIterations: options.maxIterations ?? 300, gradientTolerance: 1e-10 });
  const scaled = paramsFromLog(result.x);
  const params: BgNbdParams = { ...scaled, alpha: scaled.alpha * scale };
  const logLikelihood = logLikelihoodAndGradient(params, { ...prepared, tx: grouped.tx, T: grouped.T }, [0, 0, 0, 0]);
  const finite = Object.values(params).every((v) => Number.isFinite(v) && v > 0) && Number.isFinite(logLikelihood);
  return {
    params,
    logLikelihood,
    converged: result.converged && finite,
    iterations: result.iterations,
    customers,
    repeaters,
    logParamStandardErrors: finite ? logParamStandardErrors(result.x, prepared, penalizer, logPenalizer) : null,
  };
}

/**
 * Inverse of the curvature of the minimised objective (total scale) in log-parameters: the observed
 * information without penalty, the posterior curvature of the implied prior with one.
 */
function logParamStandardErrors(
  theta: readonly number[],
  d: PreparedData,
  penalizer: number,
  logPenalizer: number,
): [number, number, number, number] | null {
  const gradAt = (t: readonly number[]): number[] => {
    const g = [0, 0, 0, 0];
    const p = paramsFromLog(t);
    logLikelihoodAndGradient(p, d, g);
    const v = [p.r, p.alpha, p.a, p.b];
    return g.map((gi, j) => {
      const vj = v[j] as number;
      return -gi * vj + d.totalWeight * (2 * penalizer * vj * vj + 2 * logPenalizer * (t[j] as number));
    });
  };
  return curvatureStandardErrors(gradAt, theta) as [number, number, number, number] | null;
}

/**
 * P(alive at T | x, t_x, T) (Hardie note 021; the reciprocal of Eq. 10's denominator):
 * 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), and 1 when x = 0 (no repeat, so no chance yet to drop out).
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logDeathOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logistic(-logDeathOdds);
}

/**
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))], the bracket of
 * Eq. 10 (Eq. 9 when x = 0 and T = 0). Euler's transformation turns (1−z)^(r+x) ₂F₁(r+x, b+x; c; z)
 * into (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z), which oneMinusEulerHyp2f1OverEps evaluates without
 * overflow for large x nor cancellation near a = 1.
 */
function expectedIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  return c * oneMinusEulerHyp2f1OverEps(a + b - 1 - r, a - 1, c, z);
}

/** Expected repeat purchases in (0, t] for a new customer, E[X(t)] (Eq. 9). */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return Math.max(0, expectedIfAlive(params, t, 0, 0));
}

/** Expected purchases in (T, T+t] given (x, t_x, T), E[Y(t) | x, t_x, T] (Eq. 10). */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return Math.max(0, expectedIfAlive(params, t, x, T) * bgNbdProbabilityAlive(params, x, tx, T));
}

/** Expected purchases in (T, T+t] if the customer is alive at T: Eq. 10 without the P(alive) factor. */
export function bgNbdExpectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  return Math.max(0, expectedIfAlive(params, t, x, T));
}

/** P(X(t) = n) for a new customer (Eq. 8), in log space term by term. */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  if (!Number.isInteger(n) || n < 0) return 0;
  if (t <= 0) return n === 0 ? 1 : 0;
  const lnB = lnBeta(a, b);
  const lnRatio0 = r * Math.log(alpha / (alpha + t));
  const lnZ = Math.log(t / (alpha + t));
  const lnGr = lnGamma(r);
  // Γ(r+j)/(Γ(r) j!) · (α/(α+t))^r (t/(α+t))^j, the NBD probabilities.
  const lnNbd = (j: number): number => lnGamma(r + j) - lnGr - lnGamma(j + 1) + lnRatio0 + j * lnZ;
  const first = Math.exp(lnBeta(a, b + n) - lnB + lnNbd(n));
  if (n === 0) return clamp01(first);
  let cumulative = 0;
  for (let j = 0; j < n; j++) cumulative += Math.exp(lnNbd(j));
  const second = Math.exp(lnBeta(a + 1, b + n - 1) - lnB) * Math.max(0, 1 - cumulative);
  return clamp01(first + second);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
