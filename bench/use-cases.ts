/** The read use-cases on the imported data, in-process and warm: median and p95 of repeated runs. */
import { getOverview, listClients, type Overview } from '../src/app/portfolio';
import { resolveWorkspace } from '../src/app/workspace';
import { openDatabase, type DatabaseOptions } from '../src/db/connection';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

export interface UseCaseTimings {
  overview: Timing;
  clients: Timing;
  /** A reference date before the last gig: answered from the gigs, not from the stored totals. */
  pastOverview: Timing & { asOf: string };
  /** What the overview said, to check the import against the generated file. */
  figures: Overview;
  listed: number;
}

export async function timeUseCases(options: DatabaseOptions, asOf: string, pastAsOf: string, runs: number): Promise<UseCaseTimings> {
  const database = await openDatabase(options);
  try {
    const ctx = { database, now: () => new Date() };
    const workspace = await resolveWorkspace(ctx, undefined, false);
    const overview = await repeat(runs, () => getOverview(ctx, workspace, asOf));
    const clients = await repeat(runs, () => listClients(ctx, workspace, asOf));
    const past = await repeat(Math.min(runs, 5), () => getOverview(ctx, workspace, pastAsOf));
    return {
      overview: overview.timing,
      clients: clients.timing,
      pastOverview: { ...past.timing, asOf: pastAsOf },
      figures: overview.value,
      listed: clients.value.length,
    };
  } finally {
    await database.close();
  }
}

async function repeat<T>(runs: number, work: () => Promise<T>): Promise<{ timing: Timing; value: T }> {
  let value = await work(); // warm-up: statements prepared, pages cached, code compiled
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { timing: { runs, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) }, value };
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
