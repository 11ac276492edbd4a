/**
 * Per-customer repeat-purchase summaries (x, t_x, T) in the shape the BG/NBD and Gamma-Gamma fits take,
 * and the grouping of identical rows into weights.
 */

/** One customer: x repeat transactions, the last at t_x, observed for T (same time unit, weeks here). */
export interface RepeatSummary {
  x: number;
  tx: number;
  T: number;
}

/** Column arrays of (x, t_x, T); `weight[i]` counts identical customers (1 when absent). */
export interface RepeatSummaries {
  x: readonly number[];
  tx: readonly number[];
  T: readonly number[];
  weight?: readonly number[];
}

/** Summaries with weights filled in, identical rows merged. */
export interface GroupedSummaries {
  x: number[];
  tx: number[];
  T: number[];
  weight: number[];
}

export function toSummaryColumns(rows: readonly RepeatSummary[]): RepeatSummaries {
  return { x: rows.map((r) => r.x), tx: rows.map((r) => r.tx), T: rows.map((r) => r.T) };
}

/**
 * Merges identical (x, t_x, T) rows, adding their weights. Why: the likelihood of k identical
 * customers is k times one customer's, and with day-resolution data most non-repeaters share a row
 * (23,570 CDNOW customers become about 10,000 rows), which makes every likelihood evaluation cheaper.
 */
export function groupSummaries(data: RepeatSummaries): GroupedSummaries {
  const index = new Map<string, number>();
  const out: GroupedSummaries = { x: [], tx: [], T: [], weight: [] };
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || (data.weight && data.weight.length !== n)) {
    throw new RangeError('x, tx, T (and weight) must have the same length');
  }
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const tx = data.tx[i] as number;
    const T = data.T[i] as number;
    const w = data.weight ? (data.weight[i] as number) : 1;
    if (!isValidSummary(x, tx, T) || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`invalid customer summary at row ${i}: x=${x}, tx=${tx}, T=${T}, weight=${w}`);
    }
    if (w === 0) continue;
    const key = `${x}|${tx}|${T}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.x.length);
      out.x.push(x);
      out.tx.push(tx);
      out.T.push(T);
      out.weight.push(w);
    } else {
      out.weight[at] = (out.weight[at] as number) + w;
    }
  }
  return out;
}

/** Checks the model's assumptions on one row: x a non-negative integer, 0 ≤ t_x ≤ T, t_x = 0 when x = 0. */
export function isValidSummary(x: number, tx: number, T: number): boolean {
  return Number.isInteger(x) && x >= 0 && Number.isFinite(tx) && Number.isFinite(T) && tx >= 0 && tx <= T && (x > 0 || tx === 0);
}
