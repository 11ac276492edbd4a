/**
 * Predictions bench: BG/NBD fit on the whole CDNOW cohort (23,570 customers) and per-client
 * predictions for 20,000 clients. Run: `node --import tsx bench/predictions.ts`.
 * Reference (REFERENCE.md §4, §6): lifetimes fits the full cohort in 0.239 s to
 * r=0.251624, α=4.788945, a=0.723433, b=2.161087.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { toDayNumber } from '../src/domain/dates';
import { type BgNbdParams, bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd } from '../src/domain/predictions/bg-nbd';
import { type TransactionSummary, summarizeDays } from '../src/domain/predictions/client-history';
import { type GammaGammaParams, fitGammaGamma, gammaGammaConditionalExpectedSpend } from '../src/domain/predictions/gamma-gamma';
import { CDNOW_CALIBRATION_END, readCdnowMaster } from '../test/fixtures/cdnow/load-cdnow';

export interface PredictionsBenchResult {
  customers: number;
  groupedRows: number;
  parseMs: number;
  /** Median of 5 warm fits. */
  bgNbdFitMs: number;
  bgNbdParams: BgNbdParams;
  bgNbdLogLikelihood: number;
  gammaGammaFitMs: number;
  gammaGammaCustomers: number;
  gammaGammaParams: GammaGammaParams;
  /** Median of 5 runs of P(alive) + E[Y(52 weeks)] + E[M] for `predictedClients` clients. */
  predictionMs: number;
  predictedClients: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timeMedian<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let value = fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), value };
}

export function runPredictionsBench(): PredictionsBenchResult {
  const t0 = performance.now();
  const calibrationEnd = toDayNumber(CDNOW_CALIBRATION_END);
  const summaries = readCdnowMaster()
    .map((c) => summarizeDays(c.days, c.amounts, calibrationEnd))
    .filter((s): s is TransactionSummary => s !== null);
  const parseMs = performance.now() - t0;
  const data = { x: summaries.map((s) => s.x), tx: summaries.map((s) => s.tx), T: summaries.map((s) => s.T) };
  const groupedRows = new Set(summaries.map((s) => `${s.x}|${s.tx}|${s.T}`)).size;

  const bg = timeMedian(5, () => fitBgNbd(data));
  const spenders = summaries.filter((s) => s.x > 0 && s.zbar > 0);
  const gg = timeMedian(5, () => fitGammaGamma({ x: spenders.map((s) => s.x), zbar: spenders.map((s) => s.zbar) }));

  const clients = summaries.slice(0, 20_000);
  const bgParams = bg.value.params;
  const ggParams = gg.value.params;
  const predictions = timeMedian(5, () => {
    let checksum = 0;
    for (const s of clients) {
      const pAlive = bgNbdProbabilityAlive(bgParams, s.x, s.tx, s.T);
      const expected = bgNbdConditionalExpectedPurchases(bgParams, 52, s.x, s.tx, s.T);
      const spend = gammaGammaConditionalExpectedSpend(ggParams, s.x, s.zbar);
      checksum += pAlive + expected * spend;
    }
    return checksum;
  });

  return {
    customers: summaries.length,
    groupedRows,
    parseMs,
    bgNbdFitMs: bg.ms,
    bgNbdParams: bgParams,
    bgNbdLogLikelihood: bg.value.logLikelihood,
    gammaGammaFitMs: gg.ms,
    gammaGammaCustomers: gg.value.customers,
    gammaGammaParams: ggParams,
    predictionMs: predictions.ms,
    predictedClients: clients.length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = runPredictionsBench();
  const f = (v: number, d = 6) => v.toFixed(d);
  console.log(`CDNOW master: ${r.customers} customers (${r.groupedRows} distinct (x, t_x, T) rows), parsed in ${f(r.parseMs, 0)} ms`);
  console.log(`BG/NBD fit: ${f(r.bgNbdFitMs, 1)} ms (median of 5, warm); lifetimes: 239 ms`);
  console.log(
    `  r=${f(r.bgNbdParams.r)} α=${f(r.bgNbdParams.alpha)} a=${f(r.bgNbdParams.a)} b=${f(r.bgNbdParams.b)} LL=${f(r.bgNbdLogLikelihood, 3)}`,
  );
  console.log('  lifetimes: r=0.251624 α=4.788945 a=0.723433 b=2.161087');
  console.log(`Gamma-Gamma fit (${r.gammaGammaCustomers} customers): ${f(r.gammaGammaFitMs, 1)} ms; lifetimes: 60 ms`);
  console.log(`  p=${f(r.gammaGammaParams.p)} q=${f(r.gammaGammaParams.q)} γ=${f(r.gammaGammaParams.gamma)}`);
  console.log('  lifetimes: p=6.275359 q=3.624450 v=14.983689');
  console.log(`Predictions (P(alive) + E[Y(52)] + E[M]) for ${r.predictedClients} clients: ${f(r.predictionMs, 1)} ms`);
}
