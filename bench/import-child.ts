/**
 * One import in a process of its own, so that its peak memory is its own: what `djbooker import`
 * does (open the database, find or create the workspace, import the file), timed phase by phase.
 * Usage: node --import tsx bench/import-child.ts '<ImportJob as JSON>'; prints one JSON line.
 */
import type { ImportWarning } from '../src/domain/csv';
import { importFile, type ImportKind } from '../src/app/import-file';
import { resolveWorkspace } from '../src/app/workspace';
import { openDatabase, type DatabaseOptions } from '../src/db/connection';
import { PhaseTimer, type ImportPhases } from './phase-timer';

export interface ImportJob {
  target: DatabaseOptions;
  kind: ImportKind;
  path: string;
}

export interface ImportOutcome {
  rows: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  createdClients: number;
  warnings: ImportWarning[];
  openMs: number;
  phases: ImportPhases;
  /** Peak resident set size of this process, in bytes. */
  peakRssBytes: number;
}

async function runImport(job: ImportJob): Promise<ImportOutcome> {
  const opening = performance.now();
  const database = await openDatabase(job.target);
  const openMs = performance.now() - opening;
  try {
    const timer = new PhaseTimer();
    const ctx = { database: timer.wrap(database), now: () => new Date() };
    const workspace = await resolveWorkspace(ctx, undefined, true);
    timer.mark('start');
    const report = await importFile(ctx, workspace, { kind: job.kind, path: job.path, overrides: {}, dryRun: false });
    timer.mark('end');
    return {
      rows: report.rows,
      imported: report.imported,
      updated: report.updated,
      duplicates: report.duplicates,
      rejected: report.rejected.length,
      createdClients: report.createdClients.length,
      warnings: report.warnings,
      openMs,
      phases: timer.phases(),
      // maxRSS is in kilobytes.
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await database.close();
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as ImportJob;
process.stdout.write(JSON.stringify(await runImport(job)) + '\n');
