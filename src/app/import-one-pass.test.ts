/**
 * The one-pass import against a reference built from the pure domain functions (the whole file
 * profiled first, then every row interpreted with the whole file's conventions): random gigs
 * files — column orders, encodings, delimiters, date orders, decimal marks, quoted line breaks,
 * bad rows — and a sample so small that later rows often prove a convention it did not guess.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import {
  createCsvDecoder,
  CsvTokenizer,
  detectDelimiter,
  detectEncoding,
  interpretGigRecord,
  profileImport,
  type GigRow,
  type Rejection,
} from '../domain/csv';
import { createWorkspace, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import type { ImportProgress } from '../contracts/import-progress';
import { importFile } from './import-file';

const tmp = mkdtempSync(join(tmpdir(), 'djbooker-one-pass-'));
let fileCount = 0;

const COLUMNS = ['reference', 'date', 'client', 'type_evenement', 'lieu', 'montant', 'statut', 'notes'] as const;
type Column = (typeof COLUMNS)[number];
const NAMES = ['Mairie de Sète', 'Château Lézignan', 'Amélie Durand', 'Bar « Le Zinc »', 'SARL Événements'];
const NOTES = ['', 'RAS', 'Sono fournie; lumière', 'Client "VIP"', 'Arrivée 18h\nDépart 2h', 'Deux lignes,\r\npuis une autre'];

type DateStyle = 'dmy' | 'mdy' | 'iso';
type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';

const rowArb = fc.record({
  year: fc.integer({ min: 2021, max: 2025 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  euros: fc.integer({ min: 0, max: 3000 }),
  cents: fc.constantFrom(0, 50, 5),
  name: fc.constantFrom(...NAMES),
  status: fc.constantFrom('réalisée', 'annulée', 'à venir', ''),
  type: fc.constantFrom('Mariage', 'Soirée', ''),
  venue: fc.constantFrom('Salle des fêtes', '', 'Plage; côté est'),
  notes: fc.constantFrom(...NOTES),
  // What goes wrong in a row, sometimes: the kinds of mistakes a spreadsheet holds.
  fault: fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('no-name', 'bad-date', 'bad-amount', 'negative', 'empty') },
  ),
});

const fileArb = fc.record({
  columns: fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
  withReference: fc.boolean(),
  delimiter: fc.constantFrom(',', ';', '\t'),
  encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
  dates: fc.constantFrom<DateStyle>('dmy', 'mdy', 'iso'),
  decimal: fc.constantFrom(',', '.'),
  thousands: fc.boolean(),
  rows: fc.array(rowArb, { minLength: 1, maxLength: 40 }),
  // Rows whose reading depends on the column's convention first, as in a file sorted by date.
  ambiguousFirst: fc.boolean(),
  sampleRecords: fc.integer({ min: 1, max: 8 }),
});

type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

const pad = (n: number) => String(n).padStart(2, '0');

function cell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
}

function amountText(spec: FileSpec, euros: number, cents: number): string {
  const other = spec.decimal === ',' ? '.' : ',';
  const whole =
    spec.thousands && euros >= 1000 ? `${Math.floor(euros / 1000)}${other}${String(euros % 1000).padStart(3, '0')}` : String(euros);
  return cents === 0 ? whole : `${whole}${spec.decimal}${pad(cents)}`;
}

function dateText(style: DateStyle, y: number, m: number, d: number): string {
  if (style === 'iso') return `${y}-${pad(m)}-${pad(d)}`;
  return style === 'dmy' ? `${pad(d)}/${pad(m)}/${y}` : `${pad(m)}/${pad(d)}/${y}`;
}

function fileBytes(spec: FileSpec): Buffer {
  const columns = spec.columns.filter((c) => spec.withReference || c !== 'reference');
  const lines = [columns.join(spec.delimiter)];
  const ambiguous = (r: FileSpec['rows'][number]) => r.day <= 12 || (r.cents === 0 && r.euros >= 1000);
  const rows = spec.ambiguousFirst ? [...spec.rows].sort((a, b) => Number(ambiguous(b)) - Number(ambiguous(a))) : spec.rows;
  rows.forEach((r, i) => {
    if (r.fault === 'empty') {
      lines.push(columns.map(() => '').join(spec.delimiter));
      return;
    }
    const values: Record<Column, string> = {
      reference: `R${i}`,
      date: r.fault === 'bad-date' ? '31/02/2024' : dateText(spec.dates, r.year, r.month, r.day),
      client: r.fault === 'no-name' ? '' : r.name,
      type_evenement: r.type,
      lieu: r.venue,
      montant: r.fault === 'bad-amount' ? 'environ 300' : `${r.fault === 'negative' ? '-' : ''}${amountText(spec, r.euros, r.cents)}`,
      statut: r.status,
      notes: r.notes,
    };
    lines.push(columns.map((c) => cell(values[c], spec.delimiter)).join(spec.delimiter));
  });
  const text = lines.join('\r\n') + '\r\n';
  if (spec.encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (spec.encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  // Every character written is in Latin-1, where Windows-1252 agrees with it.
  if (spec.encoding === 'windows-1252') return Buffer.from(text.replaceAll('«', '"').replaceAll('»', '"'), 'latin1');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** The reference: the whole file profiled, then every row read with the whole file's conventions. */
function reference(bytes: Buffer) {
  const { encoding } = detectEncoding(bytes.subarray(0, 64 * 1024));
  const delimiter = detectDelimiter(createCsvDecoder(encoding).decode(bytes.subarray(0, 64 * 1024)));
  const decoder = createCsvDecoder(encoding);
  const tokenizer = new CsvTokenizer(delimiter);
  const records = [...tokenizer.push(decoder.decode(bytes)), ...tokenizer.push(decoder.end()), ...tokenizer.end()];
  const [header, ...rest] = records;
  if (!header) throw new Error('no header');
  const started = profileImport('gigs', header);
  if (!started.ok) throw new Error(started.problem.code);
  for (const record of rest) started.profiler.observe(record);
  const plan = started.profiler.plan();
  const gigs: GigRow[] = [];
  const rejected: Rejection[] = [];
  for (const record of rest) {
    const r = interpretGigRecord(record, plan);
    if (r === null) continue;
    if (r.ok) gigs.push(r.value);
    else rejected.push(r.rejection);
  }
  return { gigs, rejected, warnings: plan.warnings };
}

type StoredGig = {
  client: string;
  date: string;
  amount: number;
  status: string;
  type: string | null;
  venue: string | null;
  notes: string | null;
  reference: string | null;
};
const sortKey = (g: StoredGig) => JSON.stringify(g);

for (const engine of testEngines()) {
  describe(`one-pass import on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: AppContext;

    beforeEach(async () => {
      db = await engine.open();
      ctx = { database: db, now: () => new Date('2026-01-14T12:00:00Z') };
    });
    afterEach(async () => db.cleanup());

    const storedGigs = async (ws: Workspace): Promise<StoredGig[]> => {
      const rows = await sql<StoredGig>`select c.name as client, g.date, g.amount_cents as amount, g.status, g.type, g.venue,
          g.notes, g.reference
        from gigs g join clients c on c.id = g.client_id where g.workspace_id = ${ws.id}`.execute(db.db);
      return rows.rows.map((r) => ({ ...r, amount: Number(r.amount) })).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    };

    it('reads a month-first column as such when the sample saw only ambiguous dates', async () => {
      const ws = await createWorkspace(db.db, 'mdy', ctx.now());
      const path = join(tmp, `f${++fileCount}.csv`);
      writeFileSync(path, 'date,client,montant\n01/02/2025,Ana,100\n03/04/2025,Ana,100\n12/25/2025,Bob,200\n');
      const report = await importFile(ctx, ws, { kind: 'gigs', path, overrides: {}, dryRun: false, sampleRecords: 2 });
      expect(report).toMatchObject({ rows: 3, imported: 3, rejectedCount: 0, warnings: [] });
      expect((await storedGigs(ws)).map((g) => g.date).sort()).toEqual(['2025-01-02', '2025-03-04', '2025-12-25']);
    });

    it('reports its progress, at the end the whole file read and every valid row written', async () => {
      const ws = await createWorkspace(db.db, 'progress', ctx.now());
      const path = join(tmp, `f${++fileCount}.csv`);
      const text = 'date,client,montant\n01/02/2025,Ana,100\n03/04/2025,Ana,abc\n13/12/2025,Bob,200\n';
      writeFileSync(path, text);
      const seen: ImportProgress[] = [];
      await importFile(ctx, ws, { kind: 'gigs', path, overrides: {}, dryRun: false }, (p) => seen.push(p));
      expect(seen.find((p) => p.phase === 'write')).toEqual({
        phase: 'write',
        bytes: Buffer.byteLength(text),
        total: Buffer.byteLength(text),
        rows: 2,
      });
      expect(seen.at(-1)).toEqual({ phase: 'merge', rows: 2 });
    });

    it('agrees with the reference interpretation on random files', async () => {
      await fc.assert(
        fc.asyncProperty(fileArb, async (spec) => {
          const bytes = fileBytes(spec);
          const path = join(tmp, `f${++fileCount}.csv`);
          writeFileSync(path, bytes);
          const expected = reference(bytes);
          const ws = await createWorkspace(db.db, `p${fileCount}`, ctx.now());
          const report = await importFile(ctx, ws, { kind: 'gigs', path, overrides: {}, dryRun: false, sampleRecords: spec.sampleRecords });
          expect(report.rejected).toEqual(expected.rejected);
          expect(report.warnings).toEqual(expected.warnings);
          expect(report.rows).toBe(expected.gigs.length + expected.rejected.length);
          expect(report.imported + report.duplicates).toBe(expected.gigs.length);
          if (spec.withReference) expect(report.duplicates).toBe(0);
          const stored = await storedGigs(ws);
          // Without a reference, identical rows are one gig each, so the multiset is the same either way.
          const wanted = expected.gigs
            .map((g): StoredGig => ({
              client: g.clientName,
              date: g.date,
              amount: g.amountCents,
              status: g.status,
              type: g.type ?? null,
              venue: g.venue ?? null,
              notes: g.notes ?? null,
              reference: g.reference ?? null,
            }))
            .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
          expect(stored).toEqual(wanted);
        }),
        { numRuns: 25 },
      );
    }, 120_000);
  });
}
