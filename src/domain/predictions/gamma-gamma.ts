/**
 * Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005), "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie (2013) note 025
 * "The Gamma-Gamma Model of Monetary Value" (equation numbers below are the note's).
 *
 * Each transaction's value is Gamma(p, ν); ν varies across customers as Gamma(q, γ). Fitted on
 * customers with x ≥ 1 repeat transactions and a mean repeat value z̄ > 0.
 */
import { curvatureStandardErrors, minimizeBfgs } from './optimize';
import { digamma, lnBeta } from './special-functions';

export interface GammaGammaParams {
  p: number;
  q: number;
  /** γ, called v in lifetimes. */
  gamma: number;
}

/** Column arrays: x repeat transactions with mean value z̄ (`weight` counts identical rows). */
export interface SpendSummaries {
  x: readonly number[];
  zbar: readonly number[];
  weight?: readonly number[];
}

export interface GammaGammaFitOptions {
  /** lifetimes' `penalizer · (p² + q² + γ²)` on the mean negative log-likelihood; default 0. */
  penalizer?: number;
  /**
   * `logPenalizer · Σ (ln θ')²`: a prior on the log-parameters centred on (1, 1, 1) on the
   * `spendScale` scale, i.e. on p = q = 1, γ = spendScale — as fitBgNbd centres α on max(T).
   */
  logPenalizer?: number;
  /**
   * Amounts are divided by this before fitting and γ multiplied back (default 1). With the data's
   * own mean amount here, the fit — prior included — does not depend on the currency unit: amounts
   * in cents or in euros give the same p, q and a γ 100 times larger.
   */
  spendScale?: number;
  maxIterations?: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  /** Σ weight · ℓ with the density of the mean z̄ (Eq. 1a), as lifetimes, PyMC-Marketing and CLVTools. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Rows used (x ≥ 1 and z̄ > 0), weighted. */
  customers: number;
  /**
   * Standard errors of ln p, ln q, ln γ from the inverse curvature of the minimised objective (as
   * fitBgNbd's); null when the curvature is not positive definite or the fit failed.
   */
  logParamStandardErrors: [number, number, number] | null;
}

/**
 * Log-density of the mean z̄ of x transactions (Eq. 1a) in the stable form
 * −ln z̄ − ln B(px, q) + q ln(γ/(γ+x z̄)) + px ln(x z̄/(γ+x z̄)).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  const px = p * x;
  const s = gamma + x * zbar;
  return -Math.log(zbar) - lnBeta(px, q) + q * Math.log(gamma / s) + px * Math.log((x * zbar) / s);
}

interface Rows {
  x: number[];
  zbar: number[];
  weight: number[];
}

function usableRows(data: SpendSummaries): Rows {
  const rows: Rows = { x: [], zbar: [], weight: [] };
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i] as number;
    const z = data.zbar[i] as number;
    const w = data.weight ? (data.weight[i] as number) : 1;
    if (x >= 1 && z > 0 && Number.isFinite(z) && w > 0) {
      rows.x.push(x);
      rows.zbar.push(z);
      rows.weight.push(w);
    }
  }
  return rows;
}

/**
 * Σ w ℓ and its gradient: ∂ℓ/∂p = x[ψ(px+q) − ψ(px) + ln(x z̄/(γ+x z̄))],
 * ∂ℓ/∂q = ψ(px+q) − ψ(q) + ln(γ/(γ+x z̄)), ∂ℓ/∂γ = q/γ − (px+q)/(γ+x z̄).
 */
function logLikelihoodAndGradient(params: GammaGammaParams, rows: Rows, grad: number[]): number {
  const { p, q, gamma } = params;
  const psiQ = digamma(q);
  const cache = new Map<number, [number, number, number]>();
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const x = rows.x[i] as number;
    const z = rows.zbar[i] as number;
    const w = rows.weight[i] as number;
    let c = cache.get(x);
    if (!c) {
      // Γ and ψ terms depend on x only: once per distinct frequency.
      const px = p * x;
      const psiPQ = digamma(px + q);
      c = [lnBeta(px, q), psiPQ - digamma(px), psiPQ - psiQ];
      cache.set(x, c);
    }
    const px = p * x;
    const s = gamma + x * z;
    const lnG = Math.log(gamma / s);
    const lnXZ = Math.log((x * z) / s);
    ll += w * (-Math.log(z) - c[0] + q * lnG + px * lnXZ);
    gp += w * x * (c[1] + lnXZ);
    gq += w * (c[2] + lnG);
    gg += w * (q / gamma - (px + q) / s);
  }
  grad[0] = gp;
  grad[1] = gq;
  grad[2] = gg;
  return ll;
}

/** Maximum-likelihood fit of (p, q, γ) in log-parameters by BFGS from (1, 1, spendScale), like lifetimes. */
export function fitGammaGamma(data: SpendSummaries, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const scale = options.spendScale !== undefined && options.spendScale > 0 && Number.isFinite(options.spendScale) ? options.spendScale : 1;
  const rows = usableRows(data);
  if (scale !== 1) rows.zbar = rows.zbar.map((z) => z / scale);
  const customers = rows.weight.reduce((s, w) => s + w, 0);
  if (customers === 0) {
    const none = { p: Number.NaN, q: Number.NaN, gamma: Number.NaN };
    return { params: none, logLikelihood: Number.NaN, converged: false, iterations: 0, customers, logParamStandardErrors: null };
  }
  const penalizer = options.penalizer ?? 0;
  const logPenalizer = options.logPenalizer ?? 0;
  const fromLog = (theta: readonly number[]): GammaGammaParams => ({
    p: Math.exp(theta[0] as number),
    q: Math.exp(theta[1] as number),
    gamma: Math.exp(theta[2] as number),
  });
  // Penalised objective on the total scale (Σ, not the mean): value and gradient in log-parameters.
  const g = [0, 0, 0];
  const totalObjective = (theta: readonly number[], grad: number[]): number => {
    const params = fromLog(theta);
    const v = [params.p, params.q, params.gamma];
    const ll = logLikelihoodAndGradient(params, rows, g);
    let penalty = 0;
    for (let j = 0; j < 3; j++) {
      const vj = v[j] as number;
      const t = theta[j] as number;
      penalty += penalizer * vj * vj + logPenalizer * t * t;
      // Chain rule through the log-parameterisation: ∂/∂θ = value · ∂/∂value.
      grad[j] = -(g[j] as number) * vj + customers * (2 * penalizer * vj * vj + 2 * logPenalizer * t);
    }
    return -ll + customers * penalty;
  };
  const objective = (theta: readonly number[], grad: number[]): number => {
    const value = totalObjective(theta, grad);
    for (let j = 0; j < 3; j++) grad[j] = (grad[j] as number) / customers;
    return value / customers;
  };
  const result = minimizeBfgs(objective, [0, 0, 0], { maxIterations: options.maxIterations ?? 300, gradientTolerance: 1e-10 });
  const scaled = fromLog(result.x);
  const params = { ...scaled, gamma: scaled.gamma * scale };
  // −ln z̄ terms shift by ln(scale) per row on the scaled data: add them back to report the LL in the data's unit.
  const logLikelihood = logLikelihoodAndGradient(scaled, rows, [0, 0, 0]) - customers * Math.log(scale);
  const finite = [params.p, params.q, params.gamma, logLikelihood].every(Number.isFinite);
  const se = finite
    ? curvatureStandardErrors((theta) => {
        const grad = [0, 0, 0];
        totalObjective(theta, grad);
        return grad;
      }, result.x)
    : null;
  return {
    params,
    logLikelihood,
    converged: result.converged && finite,
    iterations: result.iterations,
    customers,
    logParamStandardErrors: se as [number, number, number] | null,
  };
}

/** Population mean spend per transaction pγ/(q−1) (Eq. 3); infinite when q ≤ 1. */
export function gammaGammaPopulationMean(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.POSITIVE_INFINITY;
}

/**
 * E[M | x, z̄] = p(γ + x z̄)/(px + q − 1) (Eq. 5): a weighted average of the population mean and the
 * customer's own mean z̄; x = 0 gives the population mean. Needs q > 1 when x = 0.
 */
export function gammaGammaConditionalExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  const zx = x > 0 ? x * zbar : 0;
  return (p * (gamma + zx)) / (p * x + q - 1);
}
