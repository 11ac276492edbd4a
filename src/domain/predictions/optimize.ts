/**
 * Unconstrained minimisation by BFGS with a strong-Wolfe line search (Nocedal & Wright,
 * "Numerical Optimization", 2nd ed., Alg. 6.1 with Alg. 3.5/3.6). The models are fitted in
 * log-parameters, so "unconstrained" is all they need; four or three dimensions, so dense matrices.
 */

/** Returns the objective and writes its gradient into `grad`. */
export type Objective = (x: readonly number[], grad: number[]) => number;

export interface MinimizeOptions {
  maxIterations?: number;
  /** Stop when the largest gradient component is below this. */
  gradientTolerance?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  converged: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;
// The objectives are means per customer, O(1): below this the gradient is at rounding level.
const LOOSE_GRADIENT_TOLERANCE = 1e-6;

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: readonly number[]): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

interface Probe {
  step: number;
  value: number;
  slope: number;
  x: number[];
  grad: number[];
}

export function minimizeBfgs(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gradientTolerance ?? 1e-9;
  let evaluations = 0;

  const evaluate = (x: number[]): { value: number; grad: number[] } => {
    const grad = new Array<number>(n).fill(0);
    const value = f(x, grad);
    evaluations++;
    return { value, grad };
  };

  let x = [...x0];
  let { value, grad } = evaluate(x);
  if (!Number.isFinite(value)) return { x, value, gradient: grad, iterations: 0, evaluations, converged: false };
  // Inverse Hessian approximation, identity to start; rescaled after the first step (N&W Eq. 6.20).
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  let converged = maxAbs(grad) < gtol;

  while (!converged && iterations < maxIterations) {
    iterations++;
    const dir = H.map((row) => -dot(row, grad));
    let slope0 = dot(dir, grad);
    if (!(slope0 < 0)) {
      // Lost descent (numerical trouble): restart from steepest descent.
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      for (let i = 0; i < n; i++) dir[i] = -(grad[i] as number);
      slope0 = dot(dir, grad);
    }
    const start: Probe = { step: 0, value, slope: slope0, x, grad };
    const probe = (step: number): Probe => {
      const xs = x.map((xi, i) => xi + step * (dir[i] as number));
      const r = evaluate(xs);
      return { step, value: r.value, slope: Number.isFinite(r.value) ? dot(r.grad, dir) : Number.NaN, x: xs, grad: r.grad };
    };
    const accepted = wolfeLineSearch(start, probe, iterations === 1 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(grad))) : 1);
    if (!accepted) {
      // The line search cannot improve at double precision: a stationary point if the gradient is tiny anyway.
      converged = maxAbs(grad) < LOOSE_GRADIENT_TOLERANCE;
      break;
    }

    const s = accepted.x.map((v, i) => v - (x[i] as number));
    const y = accepted.grad.map((v, i) => v - (grad[i] as number));
    const sy = dot(s, y);
    const previousValue = value;
    x = accepted.x;
    value = accepted.value;
    grad = accepted.grad;
    if (maxAbs(grad) < gtol) {
      converged = true;
      break;
    }
    if (Math.abs(previousValue - value) <= 1e-15 * Math.max(1, Math.abs(value)) && maxAbs(s) < 1e-12) {
      // No progress possible at double precision: accept if the gradient is small in relative terms.
      converged = maxAbs(grad) < LOOSE_GRADIENT_TOLERANCE;
      break;
    }
    if (sy > 1e-300) {
      if (iterations === 1) {
        const scale = sy / dot(y, y);
        H = H.map((row) => row.map((v) => v * scale));
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      H = H.map((row, i) =>
        row.map(
          (v, j) =>
            v -
            rho * ((Hy[i] as number) * (s[j] as number) + (s[i] as number) * (Hy[j] as number)) +
            (rho * rho * yHy + rho) * (s[i] as number) * (s[j] as number),
        ),
      );
    }
  }
  return { x, value, gradient: grad, iterations, evaluations, converged };
}

/** Strong-Wolfe line search (N&W Alg. 3.5) with cubic/bisection zoom (Alg. 3.6). */
function wolfeLineSearch(start: Probe, probe: (step: number) => Probe, firstStep: number): Probe | null {
  let previous = start;
  let step = firstStep;
  for (let i = 0; i < 30; i++) {
    const current = probe(step);
    if (!Number.isFinite(current.value)) {
      // Stepped outside where the objective is finite: shrink.
      step = previous.step + (step - previous.step) * 0.25;
      continue;
    }
    if (current.value > start.value + C1 * step * start.slope || (i > 0 && current.value >= previous.value)) {
      return zoom(start, previous, current, probe);
    }
    if (Math.abs(current.slope) <= -C2 * start.slope) return current;
    if (current.slope >= 0) return zoom(start, current, previous, probe);
    previous = current;
    step *= 2;
  }
  return previous.step > 0 ? previous : null;
}

function zoom(start: Probe, lo: Probe, hi: Probe, probe: (step: number) => Probe): Probe | null {
  for (let i = 0; i < 40; i++) {
    const trial = interpolate(lo, hi);
    const current = probe(trial);
    if (!Number.isFinite(current.value) || current.value > start.value + C1 * trial * start.slope || current.value >= lo.value) {
      hi = current;
    } else {
      if (Math.abs(current.slope) <= -C2 * start.slope) return current;
      if (current.slope * (hi.step - lo.step) >= 0) hi = lo;
      lo = current;
    }
    if (Math.abs(hi.step - lo.step) < 1e-14 * Math.max(1, Math.abs(lo.step))) break;
  }
  // Sufficient decrease without the curvature condition is still progress.
  return lo.step > 0 && lo.value < start.value ? lo : null;
}

/** Minimiser of the cubic through both ends' values and slopes, kept inside the bracket. */
function interpolate(lo: Probe, hi: Probe): number {
  const a = lo.step;
  const b = hi.step;
  const fallback = (a + b) / 2;
  if (!Number.isFinite(hi.value) || !Number.isFinite(hi.slope)) return a + (b - a) * 0.25;
  const d1 = lo.slope + hi.slope - (3 * (lo.value - hi.value)) / (a - b);
  const disc = d1 * d1 - lo.slope * hi.slope;
  if (disc < 0) return fallback;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  const t = b - (b - a) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
  const lower = Math.min(a, b);
  const upper = Math.max(a, b);
  const margin = 0.1 * (upper - lower);
  if (!Number.isFinite(t) || t < lower + margin || t > upper - margin) return fallback;
  return t;
}

/**
 * Standard errors of the parameters at a minimum `theta`: the square roots of the diagonal of the
 * inverse Hessian, by central differences of the analytic gradient `gradAt` (total scale). null
 * when the curvature is not positive definite, i.e. nothing pins the parameters down.
 */
export function curvatureStandardErrors(gradAt: (theta: readonly number[]) => number[], theta: readonly number[]): number[] | null {
  const n = theta.length;
  const h = 1e-5;
  const H: number[][] = [];
  for (let j = 0; j < n; j++) {
    const plus = [...theta];
    const minus = [...theta];
    plus[j] = (plus[j] as number) + h;
    minus[j] = (minus[j] as number) - h;
    const gp = gradAt(plus);
    const gm = gradAt(minus);
    H.push(gp.map((v, i) => (v - (gm[i] as number)) / (2 * h)));
  }
  const sym = H.map((row, i) => row.map((v, j) => (v + (H[j]?.[i] as number)) / 2));
  const inv = invertSymmetricPositiveDefinite(sym);
  if (!inv) return null;
  const se = inv.map((row, i) => Math.sqrt(row[i] as number));
  return se.every((v) => Number.isFinite(v)) ? se : null;
}

/** Cholesky-based inverse; null if the matrix is not (numerically) positive definite. */
export function invertSymmetricPositiveDefinite(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]?.[j] as number;
      for (let k = 0; k < j; k++) s -= (L[i]?.[k] as number) * (L[j]?.[k] as number);
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(m[i]?.[i] as number)))) return null;
        (L[i] as number[])[i] = Math.sqrt(s);
      } else {
        (L[i] as number[])[j] = s / (L[j]?.[j] as number);
      }
    }
  }
  // inv = L⁻ᵀ L⁻¹, column by column.
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= (L[i]?.[k] as number) * (y[k] as number);
      y[i] = s / (L[i]?.[i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i] as number;
      for (let k = i + 1; k < n; k++) s -= (L[k]?.[i] as number) * ((inv[k] as number[])[c] as number);
      (inv[i] as number[])[c] = s / (L[i]?.[i] as number);
    }
  }
  return inv;
}
