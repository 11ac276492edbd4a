/**
 * Imports a clients or gigs file: read twice from disk in chunks (pass 1 settles each column's
 * conventions and hashes the file, pass 2 interprets rows and stages the valid ones), then
 * merged in the same transaction. Memory does not grow with the file; a rejected row never
 * takes valid rows down with it; a failure half-way, or a dry run, leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CsvTokenizer, MAX_FIELD_CHARS, MAX_RECORD_CHARS, createCsvDecoder, detectDelimiter, detectEncoding, interpretClientRecord, interpretGigRecord, profileImport,
  type ClientRow, type CsvEncoding, type CsvProblem, type CsvRecord, type Delimiter, type GigRow, type ImportPlan, type Rejection,
} from '../domain/csv';
import type { ImportProgress } from '../contracts/import-progress';
import { isEmailAddress } from '../domain/email';
import { excerpt } from '../domain/excerpt';
import { gigIdentity } from '../domain/gig-identity';
import { formatEuros } from '../domain/money';
import { nameKey } from '../domain/names';
import {
  createImportRecord, createStaging, dropStaging, finishImportRecord, indexStaging, listStatsMismatches, mergeClients,
  mergeGigs, stageRows, takeRepeatedNames, waitForWorkspaceImports, type StagedRow, type StatsMismatch,
} from '../db/imports';
import type { Workspace } from '../db/schema';
import type { AppContext } from './context';
import { AppError } from './errors';
import { markBookingsObtained } from './follow-ups';

export type ImportKind = 'clients' | 'gigs';

export interface ImportOptions {
  kind: ImportKind;
  path: string;
  /** The name the report gives the file (an upload's original name); defaults to the path's. */
  fileName?: string;
  /** field → header text, from `--map field=Header` or the preview's mapping. */
  overrides: Record<string, string>;
  dryRun: boolean;
  /**
   * While another import of the workspace runs: how long to wait for it (default: the database's
   * wait for a write) and what to say once it is clear that we wait (the CLI's stderr line).
   */
  lockWait?: { maxMs?: number; onWait?: () => void };
  /** Told where the import stands: each chunk read, each batch of rows written, the merge. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportReport {
  id: number | null;
  kind: ImportKind;
  dryRun: boolean;
  file: string;
  rows: number;
  imported: number;
  updated: number;
  duplicates: number;
  /** The first MAX_KEPT_ROWS rejected rows, by line, their values cut to an excerpt. */
  rejected: Rejection[];
  /** How many rows were rejected in all. */
  rejectedCount: number;
  /** The first MAX_KEPT_ROWS clients a gigs file created. */
  createdClients: string[];
  createdClientsCount: number;
  warnings: string[];
}

/**
 * How many rejected rows (and created clients' names) a report keeps: enough to fix a file by
 * hand, and a bound on the answer and the stored report whatever the file (about 500 bytes each).
 */
export const MAX_KEPT_ROWS = 1000;

/** The first rejections by line, and a count of them all. */
class Rejections {
  readonly kept: Rejection[] = [];
  count = 0;

  /** Rejections must come in line order, or be followed by `settle()`. */
  add(r: Rejection): void {
    this.count++;
    if (this.kept.length < MAX_KEPT_ROWS) this.kept.push(r);
  }

  /** After rejections out of line order: the first ones by line again. */
  settle(): Rejection[] {
    this.kept.sort((a, b) => a.line - b.line);
    this.kept.length = Math.min(this.kept.length, MAX_KEPT_ROWS);
    return this.kept;
  }
}

const HEAD_BYTES = 64 * 1024;
/** Rows staged per bulk load: one COPY on PostgreSQL, so not too few; a few MB of rows in memory. */
const BATCH_ROWS = 10_000;
/** …and fewer when rows are long (a 64 KiB note each): the characters of the records staged at once. */
const BATCH_CHARS = 16 * 1024 * 1024;
const MAX_NAMED_MISMATCHES = 20;

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

export interface FileFormat {
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: Delimiter;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'fichier introuvable',
  EACCES: 'accès refusé',
  EPERM: 'accès refusé',
  EISDIR: "c'est un dossier, pas un fichier",
};

function unreadable(path: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = (code && READ_ERRORS[code]) ?? (e instanceof Error ? e.message : String(e));
  return new AppError('unreadable_file', `Impossible de lire le fichier ${path} : ${reason}.`);
}

/** Encoding and delimiter, from the first bytes of the file; `fileName` names it in an error. */
export async function detectFormat(path: string, fileName = basename(path)): Promise<FileFormat> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    // A directory opens on Linux, and fails only here (EISDIR).
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0).catch((e: unknown) => {
      throw unreadable(path, e);
    });
    const head = buffer.subarray(0, bytesRead);
    const { encoding, bom } = detectEncoding(head);
    if (encoding === 'utf-32le' || encoding === 'utf-32be') {
      throw new AppError('invalid_file', `${fileName} : ce fichier est en UTF-32, un encodage que l'import ne lit pas. Enregistrez-le depuis votre tableur en « CSV UTF-8 » (ou « Texte Unicode »), puis importez-le à nouveau.`);
    }
    const decoder = createCsvDecoder(encoding);
    return { encoding, bom, delimiter: detectDelimiter(decoder.decode(head)) };
  } finally {
    await handle.close();
  }
}

/** Streams the file's records in batches (one batch per chunk read). */
export async function* readRecords(path: string, format: FileFormat, onBytes?: (chunk: Buffer) => void): AsyncGenerator<CsvRecord[]> {
  const decoder = createCsvDecoder(format.encoding);
  const tokenizer = new CsvTokenizer(format.delimiter);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    onBytes?.(bytes);
    const records = tokenizer.push(decoder.decode(bytes));
    if (records.length > 0) yield records;
  }
  const last = [...tokenizer.push(decoder.end()), ...tokenizer.end()];
  if (last.length > 0) yield last;
}

function unreadableHeader(problem: CsvProblem): string {
  if (problem.kind === 'record-too-long') return `la ligne d'en-tête est trop longue (plus de ${MAX_RECORD_CHARS / 1024 / 1024} Mio) : est-ce bien un fichier CSV ?`;
  if (problem.kind === 'field-too-long') return `l'en-tête de la colonne ${problem.column + 1} est trop long (plus de ${MAX_FIELD_CHARS / 1024} Kio).`;
  return `un guillemet ouvert ligne ${problem.quoteLine} dans la ligne d'en-tête n'est jamais refermé.`;
}

/** Pass 1: the header, each column's conventions, and the file's hash. */
/** `onRead` is told the bytes read so far, once the header is known to be right. */
export async function planFile(path: string, fileName: string, kind: ImportKind, overrides: Record<string, string>, onRead?: (bytes: number) => void) {
  const format = await detectFormat(path, fileName);
  const hash = createHash('sha256');
  let bytes = 0;
  let profiler: ReturnType<typeof profileImport<ImportKind>> | undefined;
  try {
    for await (const records of readRecords(path, format, (b) => {
      hash.update(b);
      bytes += b.length;
    })) {
      for (const record of records) {
        if (!profiler) {
          if (record.problem) throw new AppError('invalid_file', `${fileName} : ${unreadableHeader(record.problem)}`);
          profiler = profileImport(kind, record, overrides);
          if (!profiler.ok) throw new AppError('invalid_file', `${fileName} : ${profiler.message}`, profiler);
          continue;
        }
        if (profiler.ok) profiler.profiler.observe(record);
      }
      onRead?.(bytes);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable(path, e);
  }
  if (!profiler?.ok) throw new AppError('invalid_file', `${fileName} : le fichier est vide (aucune ligne d'en-tête).`);
  return { format, plan: profiler.profiler.plan(), fileHash: hash.digest('hex') };
}

function stagedClient(line: number, v: ClientRow): StagedRow {
  return {
    line, name: v.name, name_key: nameKey(v.name), date: null, amount_cents: null, status: null, type: null, venue: null,
    city: v.city ?? null, duration_minutes: null, notes: v.notes ?? null, reference: null, dedupe_key: null,
    contact: v.contact ?? null, email: v.email ?? null, phone: v.phone ?? null, category: v.category ?? null,
    file_gigs: v.stats?.gigs ?? null, file_revenue_cents: v.stats?.revenueCents ?? null,
  };
}
function stagedGig(line: number, g: GigRow): StagedRow {
  return {
    line, name: g.clientName, name_key: nameKey(g.clientName), date: g.date, amount_cents: g.amountCents, status: g.status,
    type: g.type ?? null, venue: g.venue ?? null, city: g.city ?? null, duration_minutes: g.durationMinutes ?? null,
    notes: g.notes ?? null, reference: g.reference ?? null, dedupe_key: gigIdentity(g),
    contact: null, email: null, phone: null, category: null, file_gigs: null, file_revenue_cents: null,
  };
}

/** Addresses that are no address: kept on the client as text, named in the report, never written to. */
class InvalidEmails {
  readonly #first: string[] = [];
  #count = 0;

  add(line: number, text: string): void {
    if (this.#count++ < MAX_NAMED_MISMATCHES) this.#first.push(`ligne ${line} (« ${excerpt(text, 80)} »)`);
  }

  warnings(): string[] {
    if (this.#count === 0) return [];
    const more = this.#count > this.#first.length ? ` … et ${this.#count - this.#first.length} autres` : '';
    return [`${this.#count} adresse(s) e-mail invalide(s), gardée(s) comme texte et jamais utilisée(s) pour écrire : ${this.#first.join(', ')}${more}.`];
  }
}

function mismatchWarnings(list: StatsMismatch[]): string[] {
  if (list.length === 0) return [];
  const describe = (m: StatsMismatch) => {
    const parts: string[] = [];
    if (m.fileGigs !== null && m.fileGigs !== m.gigs) parts.push(`${m.fileGigs} prestations annoncées, ${m.gigs} trouvées`);
    if (m.fileRevenueCents !== null && m.fileRevenueCents !== m.revenueCents) {
      parts.push(`CA annoncé ${formatEuros(m.fileRevenueCents)}, calculé ${formatEuros(m.revenueCents)}`);
    }
    return `${excerpt(m.name)} (${parts.join(' ; ')})`;
  };
  const named = list.slice(0, MAX_NAMED_MISMATCHES).map(describe);
  const more = list.length > MAX_NAMED_MISMATCHES ? ` … et ${list.length - MAX_NAMED_MISMATCHES} autres` : '';
  return [`Les statistiques du fichier clients diffèrent des prestations pour ${list.length} client(s) ; les chiffres affichés sont calculés depuis les prestations : ${named.join(', ')}${more}.`];
}

export async function importFile(ctx: AppContext, workspace: Workspace, options: ImportOptions): Promise<ImportReport> {
  const fileName = options.fileName ?? basename(options.path);
  const { onProgress } = options;
  const total = onProgress ? (await stat(options.path)).size : 0;
  const { format, plan, fileHash } = await planFile(options.path, fileName, options.kind, options.overrides, onProgress && ((bytes) => onProgress({ phase: 'read', bytes, total })));
  let bytes = 0;
  const now = ctx.now().toISOString();
  let committed: ImportReport;
  try {
    committed = await ctx.database.bulkTransaction(async (trx, load) => {
      // One import of a workspace at a time (SQLite: its write lock is already ours).
      await waitForWorkspaceImports(trx, ctx.database.engine, workspace.id, options.lockWait?.onWait);
      const importId = await createImportRecord(trx, { workspaceId: workspace.id, kind: options.kind, fileName, fileHash, now });
      await createStaging(trx);
      // Kept whole up to MAX_KEPT_ROWS of them; the rest are counted.
      const rejected = new Rejections();
      let staged = 0;
      let batch: StagedRow[] = [];
      let batchChars = 0;
      const invalidEmails = new InvalidEmails();
      const flush = async () => {
        if (batch.length === 0) return;
        await stageRows(load, batch);
        staged += batch.length;
        batch = [];
        batchChars = 0;
        onProgress?.({ phase: 'write', bytes, total, rows: staged });
      };
      let header = true;
      for await (const records of readRecords(options.path, format, onProgress && ((b) => (bytes += b.length)))) {
        for (const record of records) {
          if (header) {
            header = false;
            continue;
          }
          const row = interpret(options.kind, record, plan);
          if (row === null) continue;
          if ('rejection' in row) rejected.add(row.rejection);
          else {
            if (row.staged.email !== null && !isEmailAddress(row.staged.email)) invalidEmails.add(record.line, row.staged.email);
            batch.push(row.staged);
            for (const f of record.fields) batchChars += f.length;
          }
          if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush();
        }
      }
      await flush();
      onProgress?.({ phase: 'merge', rows: staged });
      await indexStaging(trx, ctx.database.engine);

      let imported: number;
      let updated: number;
      let createdClients: string[] = [];
      if (options.kind === 'clients') {
        const repeated = await takeRepeatedNames(trx, MAX_KEPT_ROWS);
        const header = nameHeader(plan);
        for (const r of repeated.first) {
          rejected.kept.push({ line: r.line, field: 'name', header, value: excerpt(r.name), message: `Client déjà présent à la ligne ${r.firstLine} de ce fichier` });
        }
        rejected.count += repeated.count;
        staged -= repeated.count;
        ({ imported, updated } = await mergeClients(trx, workspace.id, importId, now));
      } else {
        ({ imported, updated, createdClients } = await mergeGigs(trx, ctx.database.engine, workspace.id, importId, now));
      }
      const warnings = [...plan.warnings, ...invalidEmails.warnings(), ...mismatchWarnings(await listStatsMismatches(trx, workspace.id))];
      await dropStaging(trx);
      const report: ImportReport = {
        id: options.dryRun ? null : importId,
        kind: options.kind,
        dryRun: options.dryRun,
        file: fileName,
        rows: staged + rejected.count,
        imported,
        updated,
        duplicates: staged - imported - updated,
        rejected: rejected.settle(),
        rejectedCount: rejected.count,
        createdClients: createdClients.slice(0, MAX_KEPT_ROWS).map((name) => excerpt(name)),
        createdClientsCount: createdClients.length,
        warnings,
      };
      if (options.dryRun) throw new DryRunRollback(report);
      await finishImportRecord(trx, importId, {
        ...report,
        rejected: report.rejectedCount,
        report: { rejected: report.rejected, createdClients: report.createdClients, createdClientsCount: report.createdClientsCount, warnings },
      });
      return report;
    }, options.lockWait);
  } catch (e) {
    if (e instanceof DryRunRollback) return e.report;
    throw e;
  }
  // New gigs within 90 days of a follow-up are what it obtained.
  if (options.kind === 'gigs' && committed.imported + committed.updated > 0) await markBookingsObtained(ctx, workspace.id);
  return committed;
}

/** null: an empty record, neither a row nor a rejection. */
function interpret(kind: ImportKind, record: CsvRecord, plan: ImportPlan<ImportKind>): { staged: StagedRow } | { rejection: Rejection } | null {
  if (kind === 'clients') {
    const r = interpretClientRecord(record, plan as ImportPlan<'clients'>);
    if (r === null) return null;
    return r.ok ? { staged: stagedClient(record.line, r.value) } : { rejection: r.rejection };
  }
  const r = interpretGigRecord(record, plan as ImportPlan<'gigs'>);
  if (r === null) return null;
  return r.ok ? { staged: stagedGig(record.line, r.value) } : { rejection: r.rejection };
}

function nameHeader(plan: ImportPlan<ImportKind>): string | null {
  const index = (plan as ImportPlan<'clients'>).mapping.name;
  const header = index === undefined ? undefined : plan.headers[index];
  return header === undefined ? null : excerpt(header);
}
