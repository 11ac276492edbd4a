/**
 * The import preview: what was understood of a file (encoding, delimiter, columns, the first
 * rows as they will be read) and what importing it would do, without writing anything.
 */
import {
  CLIENT_FIELDS,
  GIG_FIELDS,
  describeDetection,
  interpretClientRecord,
  interpretGigRecord,
  shownHeaders,
  type DelimiterName,
  type Field,
  type ImportFileProblem,
  type ImportPlan,
  type ImportWarning,
  type Rejection,
} from '../domain/csv';
import type { Workspace } from '../db/workspaces';
import { excerpt } from '../domain/excerpt';
import { centsToEuros } from '../domain/money';
import type { AppContext } from './context';
import { AppError } from './errors';
import { detectFormat, importFile, planFile, readRecords, type FileFailure, type ImportKind } from './import-file';

const SAMPLE_ROWS = 5;
/** How many records the sample is looked for in: a file of rejected rows is not read to its end for it. */
const SAMPLE_SEARCH = 1000;

export interface ImportPreview {
  encoding: string;
  bom: boolean;
  delimiter: DelimiterName;
  headers: string[];
  mapping: Partial<Record<Field, string>>;
  /** The fields a column may feed, worded by the catalogue (`import.field.<field>`). */
  fields: Field[];
  sample: Record<string, unknown>[];
  rows: number;
  imported: number;
  updated: number;
  duplicates: number;
  createdClients: string[];
  createdClientsCount: number;
  /** The first rejected rows (see MAX_KEPT_ROWS), and how many there are in all. */
  rejected: Rejection[];
  rejectedCount: number;
  warnings: ImportWarning[];
  error: null | { problem: ImportFileProblem; missing: string[] };
}

function isFileFailure(internal: unknown): internal is FileFailure {
  return typeof internal === 'object' && internal !== null && 'problem' in internal && 'seen' in internal && 'missing' in internal;
}

const euros = (cents: number | undefined) => (cents === undefined ? null : centsToEuros(cents));

async function sampleRows(path: string, format: Awaited<ReturnType<typeof detectFormat>>, plan: ImportPlan<ImportKind>) {
  const sample: Record<string, unknown>[] = [];
  let seen = 0;
  let header = true;
  for await (const records of readRecords(path, format)) {
    for (const record of records) {
      if (header) {
        header = false;
        continue;
      }
      if (plan.kind === 'clients') {
        const r = interpretClientRecord(record, plan as ImportPlan<'clients'>);
        if (r?.ok) {
          const { stats, ...client } = r.value;
          sample.push({
            line: record.line,
            ...client,
            gigs: stats?.gigs ?? null,
            revenue: euros(stats?.revenueCents),
            firstDate: stats?.firstDate ?? null,
            lastDate: stats?.lastDate ?? null,
          });
        }
      } else {
        const r = interpretGigRecord(record, plan as ImportPlan<'gigs'>);
        if (r?.ok) {
          const { amountCents, clientName, ...gig } = r.value;
          sample.push({ line: record.line, client: clientName, amount: centsToEuros(amountCents), ...gig });
        }
      }
      if (sample.length >= SAMPLE_ROWS || ++seen >= SAMPLE_SEARCH) return sample;
    }
  }
  return sample;
}

export async function previewImport(
  ctx: AppContext,
  workspace: Workspace,
  options: { kind: ImportKind; path: string; fileName: string; overrides: Record<string, string> },
): Promise<ImportPreview> {
  const format = await detectFormat(options.path, options.fileName);
  const fields: Field[] = [...(options.kind === 'clients' ? CLIENT_FIELDS : GIG_FIELDS)];
  let plan: ImportPlan<ImportKind>;
  try {
    ({ plan } = await planFile(options.path, options.fileName, options.kind, options.overrides));
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'invalid_file' && isFileFailure(e.internal))) throw e;
    // The user fixes the mapping from here: show the headers that were found.
    const failure = e.internal;
    const summary = describeDetection(format, format.delimiter, {
      kind: options.kind,
      headers: [],
      mapping: {},
      ignored: [],
      dateOrder: {},
      decimal: {},
      warnings: [],
    });
    return {
      encoding: summary.encoding,
      bom: summary.bom,
      delimiter: summary.delimiter,
      headers: failure.seen,
      mapping: {},
      fields,
      sample: [],
      rows: 0,
      imported: 0,
      updated: 0,
      duplicates: 0,
      createdClients: [],
      createdClientsCount: 0,
      rejected: [],
      rejectedCount: 0,
      warnings: [],
      error: { problem: failure.problem, missing: failure.missing },
    };
  }
  const summary = describeDetection(format, format.delimiter, plan);
  const [sample, report] = await Promise.all([
    sampleRows(options.path, format, plan),
    importFile(ctx, workspace, { ...options, dryRun: true }),
  ]);
  return {
    encoding: summary.encoding,
    bom: summary.bom,
    delimiter: summary.delimiter,
    headers: shownHeaders(plan.headers),
    mapping: Object.fromEntries(summary.columns.map((c) => [c.field, excerpt(c.header.trim())])),
    fields,
    sample,
    rows: report.rows,
    imported: report.imported,
    updated: report.updated,
    duplicates: report.duplicates,
    createdClients: report.createdClients,
    createdClientsCount: report.createdClientsCount,
    rejected: report.rejected,
    rejectedCount: report.rejectedCount,
    warnings: [
      ...(summary.ignored.length > 0 ? [{ code: 'columns_ignored' as const, headers: shownHeaders(summary.ignored) }] : []),
      ...report.warnings,
    ],
    error: null,
  };
}
