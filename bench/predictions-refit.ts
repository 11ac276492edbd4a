/**
 * The app's prediction refit at the scale, on its own: 20,000 clients and 1,000,000 gigs
 * (`--quick`: 2,000 and 100,000) built directly in memory — not imported, which would take the
 * machine for minutes. Times (1) what the server does on the first GET /api/predictions after a
 * change of the data: summaries and both fits over every client (`prepareForecast`), then the
 * prediction, seasonality and explanation of one page of 100 clients; and (2) the CLI's `predict`,
 * which does every client (`forecastFrom`). Reading the gig days from the database comes on top.
 * Wall-clock and CPU time are both given: on a shared machine the wall clock includes waiting.
 * Run: `node --import tsx bench/predictions-refit.ts [--quick]`.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { forecastFrom, prepareForecast, type ForecastClient } from '../src/app/predictions';
import { fromDayNumber, toDayNumber } from '../src/domain/dates';
import type { ClientGig } from '../src/domain/predictions';
import { BENCH_REFERENCE_DATE } from './generate';
import { Prng } from './prng';

export interface RefitBenchResult {
  clients: number;
  gigs: number;
  gigDays: number;
  buildMs: number;
  /** Medians of `runs` runs after one warm-up: the server's refit (fits + a page of 100). */
  refitMs: number;
  refitCpuMs: number;
  /** Every client at once (CLI `predict`). */
  allClientsMs: number;
  allClientsCpuMs: number;
  runs: number;
  confidence: string;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median wall and CPU milliseconds of `runs` calls after one warm-up. */
function timed<T>(runs: number, fn: () => T): { ms: number; cpu: number; value: T } {
  let value = fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t, c] = [performance.now(), cpuMs()];
    value = fn();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
  return { ms: median(wall), cpu: median(cpu), value };
}

/** Five years of gigs: a few clients play every week, most a few times a year, some once. */
export function syntheticHistories(
  clients: number,
  gigs: number,
  seed = 20260114,
): { rows: ForecastClient[]; histories: Map<number, ClientGig[]>; gigDays: number } {
  const rng = new Prng(seed);
  const last = toDayNumber(BENCH_REFERENCE_DATE);
  const first = last - 5 * 365 + 1;
  const weights = Array.from({ length: clients }, () => Math.exp(2 * rng.normal()));
  const total = weights.reduce((s, w) => s + w, 0);
  const rows: ForecastClient[] = [];
  const histories = new Map<number, ClientGig[]>();
  let gigDays = 0;
  for (let id = 1; id <= clients; id++) {
    const n = Math.max(1, Math.round(((weights[id - 1] as number) / total) * gigs));
    const start = rng.int(first, last);
    const end = rng.chance(0.4) ? rng.int(start, last) : last;
    const price = 100 * rng.int(80, 2000);
    const days = new Map<number, number>();
    for (let k = 0; k < n; k++) {
      const d = rng.int(start, end);
      days.set(d, (days.get(d) ?? 0) + price + 100 * rng.int(-50, 50));
    }
    const h = [...days.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([d, cents]) => ({ date: fromDayNumber(d), amountCents: Math.max(0, cents) }));
    gigDays += h.length;
    histories.set(id, h);
    rows.push({
      id,
      name: `Client ${id}`,
      potentialCents: Math.round((h.reduce((s, g) => s + g.amountCents, 0) * 365.25) / Math.max(365, last - start)),
    });
  }
  return { rows, histories, gigDays };
}

export function runRefitBench(size: { clients: number; gigs: number }, runs = 3): RefitBenchResult {
  const t0 = performance.now();
  const { rows, histories, gigDays } = syntheticHistories(size.clients, size.gigs);
  const buildMs = performance.now() - t0;
  const page = rows.slice(0, 100);
  const refit = timed(runs, () => {
    const prepared = prepareForecast(histories, BENCH_REFERENCE_DATE);
    for (const c of page) prepared.clientForecast(c);
    return prepared.model.confidence;
  });
  const all = timed(runs, () => forecastFrom(rows, histories, BENCH_REFERENCE_DATE).clients.length);
  return {
    clients: size.clients,
    gigs: size.gigs,
    gigDays,
    buildMs,
    refitMs: refit.ms,
    refitCpuMs: refit.cpu,
    allClientsMs: all.ms,
    allClientsCpuMs: all.cpu,
    runs,
    confidence: refit.value,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' } } });
  const size = values.quick ? { clients: 2_000, gigs: 100_000 } : { clients: 20_000, gigs: 1_000_000 };
  console.log(JSON.stringify(runRefitBench(size, 5)));
}
