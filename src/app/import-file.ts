/**
 * Imports a clients or gigs file: read once from disk in chunks (a bounded sample settles each
 * column's conventions, then rows are interpreted and the valid ones staged as they are read, the
 * file hashed on the way; read again only when a later row proves a convention the sample did not
 * guess), then merged in the same transaction. Memory does not grow with the file; a rejected row never
 * takes valid rows down with it; a failure half-way, or a dry run, leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CsvTokenizer,
  ImportProfiler,
  MAX_FIELD_CHARS,
  MAX_RECORD_CHARS,
  createCsvDecoder,
  detectDelimiter,
  detectEncoding,
  interpretClientRecord,
  interpretGigRecord,
  profileImport,
  type ClientRow,
  type CsvEncoding,
  type CsvProblem,
  type CsvRecord,
  type Delimiter,
  type GigRow,
  type ImportFileProblem,
  type ImportPlan,
  type ImportWarning,
  type Rejection,
} from '../domain/csv';
import { isEmailAddress } from '../domain/email';
import { excerpt } from '../domain/excerpt';
import { gigIdentity } from '../domain/gig-identity';
import { nameKey } from '../domain/names';
import type { BulkLoad } from '../db/connection';
import {
  clearStaging,
  createImportRecord,
  createStaging,
  dropStaging,
  finishImportRecord,
  indexStaging,
  listStatsMismatches,
  mergeClients,
  mergeGigs,
  stageRows,
  takeRepeatedNames,
  waitForWorkspaceImports,
  type StagedRow,
  type StatsMismatch,
} from '../db/imports';
import type { Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError, fileError } from './errors';
import type { ImportProgress } from '../contracts/import-progress';
import { importFileProblemText } from '../contracts/import-words';
import { wording } from '../contracts/messages';
import { markBookingsObtained } from './follow-ups/record';

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
  /** How many records settle the conventions before rows are interpreted (default SAMPLE_RECORDS). */
  sampleRecords?: number;
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
  warnings: ImportWarning[];
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
/**
 * Records read before any row is interpreted, to settle each column's conventions (and at most
 * SAMPLE_CHARS of them): a later row that proves another convention makes the import read the
 * file again, which a sample this large makes rare.
 */
export const SAMPLE_RECORDS = 20_000;
const SAMPLE_CHARS = 16 * 1024 * 1024;
/** The most often an import reports its progress. */
const PROGRESS_MS = 200;
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

/** What the import preview reads of a file it cannot import (AppError.internal of an `invalid_file`). */
export interface FileFailure {
  problem: ImportFileProblem;
  /** Required fields no column was found for, and the headers read: the user fixes the mapping from them. */
  missing: string[];
  seen: string[];
}

/** A file that cannot be imported: its problem, after the file's name, worded in the reader's language. */
function fileProblem(fileName: string, problem: ImportFileProblem, failure?: { missing: string[]; seen: string[] }): AppError {
  const internal: FileFailure = { problem, missing: failure?.missing ?? [], seen: failure?.seen ?? [] };
  return AppError.composed(
    'invalid_file',
    (lang) => {
      const w = wording(lang);
      return w.t('import.problem.inFile', { file: fileName, problem: importFileProblemText(problem, w) });
    },
    undefined,
    internal,
  );
}

/** Encoding and delimiter, from the first bytes of the file; `fileName` names it in an error. */
export async function detectFormat(path: string, fileName = basename(path)): Promise<FileFormat> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    // A directory opens on Linux, and fails only here (EISDIR).
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0).catch((e: unknown) => {
      throw fileError(path, e);
    });
    const head = buffer.subarray(0, bytesRead);
    const { encoding, bom } = detectEncoding(head);
    if (encoding === 'utf-32le' || encoding === 'utf-32be') {
      throw fileProblem(fileName, { code: 'utf32' });
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

function unreadableHeader(problem: CsvProblem): ImportFileProblem {
  if (problem.kind === 'record-too-long') return { code: 'header_too_long', limitMib: MAX_RECORD_CHARS / 1024 / 1024 };
  if (problem.kind === 'field-too-long')
    return { code: 'header_field_too_long', column: problem.column + 1, limitKib: MAX_FIELD_CHARS / 1024 };
  return { code: 'header_quote_unclosed', quoteLine: problem.quoteLine };
}

/**
 * One read of a file: the header, then a bounded sample of records that settles each column's
 * conventions before any row is interpreted, then the rest, which the profile keeps observing so
 * that the conventions of the whole file are known at its end (and whether the sample guessed them).
 */
class FileReading {
  readonly #hash = createHash('sha256');
  #bytesRead = 0;
  readonly #records: AsyncGenerator<CsvRecord[]>;

  private constructor(
    readonly path: string,
    readonly format: FileFormat,
    onBytes: (bytesRead: number) => void,
  ) {
    this.#records = readRecords(path, format, (b) => {
      this.#hash.update(b);
      this.#bytesRead += b.length;
      onBytes(this.#bytesRead);
    });
  }

  profiler!: ImportProfiler<ImportKind>;
  /** Records after the header, observed but not yet handed out. */
  sample: CsvRecord[] = [];
  /** The rest of the batch the sample ended in: neither observed nor handed out yet. */
  #unsampled: CsvRecord[] = [];

  /** Reads the header and the sample: a file that cannot be imported fails here, before any transaction. */
  static async open(
    path: string,
    fileName: string,
    kind: ImportKind,
    overrides: Record<string, string>,
    sampleRecords: number,
    onBytes: (bytesRead: number) => void = () => {},
  ) {
    const reading = new FileReading(path, await detectFormat(path, fileName), onBytes);
    try {
      await reading.#readSample(fileName, kind, overrides, sampleRecords);
    } catch (e) {
      await reading.close();
      throw e;
    }
    return reading;
  }

  async #readSample(fileName: string, kind: ImportKind, overrides: Record<string, string>, sampleRecords: number): Promise<void> {
    let chars = 0;
    const full = () => this.profiler && (this.sample.length >= sampleRecords || chars >= SAMPLE_CHARS);
    while (!full()) {
      const next = await this.#next();
      if (next.done) break;
      for (const [i, record] of next.value.entries()) {
        if (full()) {
          this.#unsampled = next.value.slice(i);
          break;
        }
        if (!this.profiler) {
          if (record.problem) throw fileProblem(fileName, unreadableHeader(record.problem));
          const profile = profileImport(kind, record, overrides);
          if (!profile.ok) throw fileProblem(fileName, profile.problem, profile);
          this.profiler = profile.profiler;
          continue;
        }
        this.profiler.observe(record);
        this.sample.push(record);
        for (const f of record.fields) chars += f.length;
      }
    }
    if (!this.profiler) throw fileProblem(fileName, { code: 'empty' });
  }

  async #next(): Promise<IteratorResult<CsvRecord[]>> {
    try {
      return await this.#records.next();
    } catch (e) {
      throw fileError(this.path, e);
    }
  }

  /** The sample, then every later record (observed by the profile on the way): can be taken once. */
  async *records(): AsyncGenerator<CsvRecord[]> {
    const sample = this.sample;
    this.sample = [];
    if (sample.length > 0) yield sample;
    const unsampled = this.#unsampled;
    this.#unsampled = [];
    for (const record of unsampled) this.profiler.observe(record);
    if (unsampled.length > 0) yield unsampled;
    for (let next = await this.#next(); !next.done; next = await this.#next()) {
      for (const record of next.value) this.profiler.observe(record);
      yield next.value;
    }
  }

  /** Stops reading (a failure before the end). */
  async close(): Promise<void> {
    await this.#records.return(undefined);
  }

  /** Once every record has been taken. */
  get fileHash(): string {
    return this.#hash.digest('hex');
  }
}

/** The records of a file after its header, read again from the start (when the sample guessed wrong). */
async function* recordsAfterHeader(path: string, format: FileFormat): AsyncGenerator<CsvRecord[]> {
  let header = true;
  for await (const records of readRecords(path, format)) {
    yield header ? records.slice(1) : records;
    header = false;
  }
}

/** Whether two plans read every row alike: the same date order and decimal mark in every column. */
function sameConventions(a: ImportPlan<ImportKind>, b: ImportPlan<ImportKind>): boolean {
  const same = <T>(x: Partial<Record<string, T>>, y: Partial<Record<string, T>>) =>
    Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
  return same(a.dateOrder, b.dateOrder) && same(a.decimal, b.decimal);
}

/** The header and each column's conventions over the whole file, and the file's hash (for the preview). */
export async function planFile(path: string, fileName: string, kind: ImportKind, overrides: Record<string, string>) {
  const reading = await FileReading.open(path, fileName, kind, overrides, 0);
  for await (const records of reading.records()) void records;
  return { format: reading.format, plan: reading.profiler.plan(), fileHash: reading.fileHash };
}

function stagedClient(line: number, v: ClientRow): StagedRow {
  return {
    line,
    name: v.name,
    name_key: nameKey(v.name),
    date: null,
    amount_cents: null,
    status: null,
    type: null,
    venue: null,
    city: v.city ?? null,
    duration_minutes: null,
    notes: v.notes ?? null,
    reference: null,
    dedupe_key: null,
    contact: v.contact ?? null,
    email: v.email ?? null,
    phone: v.phone ?? null,
    category: v.category ?? null,
    file_gigs: v.stats?.gigs ?? null,
    file_revenue_cents: v.stats?.revenueCents ?? null,
  };
}
function stagedGig(line: number, g: GigRow): StagedRow {
  return {
    line,
    name: g.clientName,
    name_key: nameKey(g.clientName),
    date: g.date,
    amount_cents: g.amountCents,
    status: g.status,
    type: g.type ?? null,
    venue: g.venue ?? null,
    city: g.city ?? null,
    duration_minutes: g.durationMinutes ?? null,
    notes: g.notes ?? null,
    reference: g.reference ?? null,
    dedupe_key: gigIdentity(g),
    contact: null,
    email: null,
    phone: null,
    category: null,
    file_gigs: null,
    file_revenue_cents: null,
  };
}

/** Addresses that are no address: kept on the client as text, named in the report, never written to. */
class InvalidEmails {
  readonly #first: { line: number; value: string }[] = [];
  #count = 0;

  add(line: number, text: string): void {
    if (this.#count++ < MAX_NAMED_MISMATCHES) this.#first.push({ line, value: excerpt(text, 80) });
  }

  warnings(): ImportWarning[] {
    return this.#count === 0 ? [] : [{ code: 'emails_invalid', count: this.#count, emails: this.#first }];
  }
}

function mismatchWarnings(list: StatsMismatch[]): ImportWarning[] {
  if (list.length === 0) return [];
  const clients = list.slice(0, MAX_NAMED_MISMATCHES).map((m) => ({ ...m, name: excerpt(m.name) }));
  return [{ code: 'stats_mismatch', count: list.length, clients }];
}

/** What an import has done so far, inside the reporter. */
interface ProgressState {
  bytesRead: number;
  fileBytes: number;
  rowsWritten: number;
  /** Rows are staged; they are being merged into the workspace. */
  merging: boolean;
}

/**
 * Calls `onProgress` at most every PROGRESS_MS, and always with the last figures, in the shape of
 * the contract: reading (the sample), writing (rows staged as they are read), then merging.
 */
class ProgressReporter {
  readonly #state: ProgressState;
  #last = Number.NEGATIVE_INFINITY;
  #started = false;

  constructor(
    fileBytes: number,
    readonly onProgress?: (progress: ImportProgress) => void,
  ) {
    this.#state = { bytesRead: 0, fileBytes, rowsWritten: 0, merging: false };
  }

  /** Once the header is known to be right: until then nothing is told (a bad file is an ordinary error). */
  start(): void {
    this.#started = true;
    this.update({}, true);
  }

  update(change: Partial<ProgressState>, force = false): void {
    const wasWriting = this.#state.rowsWritten > 0;
    Object.assign(this.#state, change);
    if (!this.onProgress || !this.#started) return;
    const now = performance.now();
    // A new step (the first rows written) is told at once; within a step, at most every PROGRESS_MS.
    const newStep = !wasWriting && this.#state.rowsWritten > 0;
    if (!force && !newStep && now - this.#last < PROGRESS_MS) return;
    this.#last = now;
    const { bytesRead: bytes, fileBytes: total, rowsWritten: rows, merging } = this.#state;
    this.onProgress(
      merging ? { phase: 'merge', rows } : rows === 0 ? { phase: 'read', bytes, total } : { phase: 'write', bytes, total, rows },
    );
  }
}

interface Staged {
  staged: number;
  rejected: Rejections;
  invalidEmails: InvalidEmails;
}

/** Interprets records with a plan and stages the valid rows, in batches. */
async function stageRecords(
  load: BulkLoad,
  kind: ImportKind,
  records: AsyncIterable<CsvRecord[]>,
  plan: ImportPlan<ImportKind>,
  progress: ProgressReporter,
): Promise<Staged> {
  // Kept whole up to MAX_KEPT_ROWS of them; the rest are counted.
  const rejected = new Rejections();
  const invalidEmails = new InvalidEmails();
  let staged = 0;
  let batch: StagedRow[] = [];
  let batchChars = 0;
  // One batch in the engine at a time while the next one is interpreted (PostgreSQL's COPY runs
  // in the server's process; SQLite's load is synchronous and ends before the next batch).
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    batchChars = 0;
    await writing;
    writing = stageRows(load, rows).then(() => {
      staged += rows.length;
      progress.update({ rowsWritten: staged });
    });
    // Awaited at the next batch or at the end; a failure meanwhile is not an unhandled rejection.
    writing.catch(() => undefined);
  };
  for await (const batchOfRecords of records) {
    for (const record of batchOfRecords) {
      const row = interpret(kind, record, plan);
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
  await writing;
  return { staged, rejected, invalidEmails };
}

export async function importFile(
  ctx: AppContext,
  workspace: Workspace,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  const fileName = options.fileName ?? basename(options.path);
  const fileBytes = (
    await stat(options.path).catch((e: unknown) => {
      throw fileError(options.path, e);
    })
  ).size;
  const progress = new ProgressReporter(fileBytes, onProgress);
  const reading = await FileReading.open(
    options.path,
    fileName,
    options.kind,
    options.overrides,
    options.sampleRecords ?? SAMPLE_RECORDS,
    (bytesRead) => progress.update({ bytesRead }),
  );
  progress.start();
  const now = ctx.now().toISOString();
  let committed: ImportReport;
  try {
    committed = await ctx.database.bulkTransaction(async (trx, load) => {
      // One import of a workspace at a time (SQLite: its write lock is already ours).
      await waitForWorkspaceImports(trx, ctx.database.engine, workspace.id, options.lockWait?.onWait);
      const importId = await createImportRecord(trx, { workspaceId: workspace.id, kind: options.kind, fileName, now });
      await createStaging(trx);
      // Rows are interpreted as they are read, with the conventions the sample settled…
      const guess = reading.profiler.plan();
      let result = await stageRecords(load, options.kind, reading.records(), guess, progress);
      const fileHash = reading.fileHash;
      // …and read again, when the whole file proves a column's convention other than the sample's.
      const plan = reading.profiler.plan();
      if (!sameConventions(guess, plan)) {
        await clearStaging(trx);
        progress.update({ rowsWritten: 0 }, true);
        result = await stageRecords(load, options.kind, recordsAfterHeader(options.path, reading.format), plan, progress);
      }
      const { rejected, invalidEmails } = result;
      let { staged } = result;
      // The last figures of the read, whatever the rate limit let through, then the merge.
      progress.update({}, true);
      progress.update({ merging: true }, true);
      await indexStaging(trx, ctx.database.engine);

      let imported: number;
      let updated: number;
      let createdClients: string[] = [];
      if (options.kind === 'clients') {
        const repeated = await takeRepeatedNames(trx, MAX_KEPT_ROWS);
        const header = nameHeader(plan);
        for (const r of repeated.first) {
          rejected.kept.push({
            line: r.line,
            field: 'name',
            header,
            value: excerpt(r.name),
            code: 'client_repeated',
            firstLine: r.firstLine,
          });
        }
        rejected.count += repeated.count;
        staged -= repeated.count;
        ({ imported, updated } = await mergeClients(trx, workspace.id, importId, now));
      } else {
        ({ imported, updated, createdClients } = await mergeGigs(trx, ctx.database.engine, workspace.id, importId, now));
      }
      const warnings = [...plan.warnings, ...invalidEmails.warnings(), ...mismatchWarnings(await listStatsMismatches(trx, workspace.id))];
      await dropStaging(trx);
      progress.update({}, true);
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
        fileHash,
        rejected: report.rejectedCount,
        report: {
          rejected: report.rejected,
          createdClients: report.createdClients,
          createdClientsCount: report.createdClientsCount,
          warnings,
        },
      });
      return report;
    }, options.lockWait);
  } catch (e) {
    if (e instanceof DryRunRollback) return e.report;
    throw e;
  } finally {
    await reading.close();
  }
  // New gigs within 90 days of a follow-up are what it obtained.
  if (options.kind === 'gigs' && committed.imported + committed.updated > 0) await markBookingsObtained(ctx, workspace.id);
  return committed;
}

/** null: an empty record, neither a row nor a rejection. */
function interpret(
  kind: ImportKind,
  record: CsvRecord,
  plan: ImportPlan<ImportKind>,
): { staged: StagedRow } | { rejection: Rejection } | null {
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
