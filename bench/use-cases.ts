/**
 * The read use-cases on the imported data, in-process: median and p95 of repeated runs, each on a
 * cold portfolio cache (the cache is the database handle's: each run gets a handle of its own on the
 * same connection), so that they time the segmentation of every client, not a cache hit.
 */
import { getOverview, listAllClients, type Overview } from '../src/app/portfolio';
import { resolveWorkspace } from '../src/app/workspace';
import { openDatabase, type DatabaseOptions } from '../src/db/connection';
import { quantile } from './format';

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
    const now = () => new Date();
    const workspace = await resolveWorkspace({ database, now }, undefined, false);
    const cold = () => ({ database: { ...database }, now });
    const overview = await repeat(runs, () => getOverview(cold(), workspace, asOf));
    const clients = await repeat(runs, () => listAllClients(cold(), workspace, asOf));
    const past = await repeat(Math.min(runs, 5), () => getOverview(cold(), workspace, pastAsOf));
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
