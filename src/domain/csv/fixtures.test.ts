import { describe, expect, it } from 'vitest';
import { readDemo, readFixture } from '../../../test/fixtures/csv/read-fixtures.js';
import { nameKey } from '../names.js';
import {
  createCsvDecoder,
  CsvTokenizer,
  describeDetection,
  detectDelimiter,
  detectEncoding,
  interpretClientRecord,
  interpretGigRecord,
  profileImport,
  type CsvRecord,
  type DetectionSummary,
  type ImportKind,
  type ImportPlan,
  type RowResult,
  type ClientRow,
  type GigRow,
} from './index.js';

/** Streams the bytes through the decoder and tokenizer in small chunks, as the app streams a file. */
function* records(bytes: Uint8Array, delimiter: string, encoding: ReturnType<typeof detectEncoding>['encoding']): Generator<CsvRecord> {
  const decoder = createCsvDecoder(encoding);
  const tokenizer = new CsvTokenizer(delimiter);
  for (let i = 0; i < bytes.length; i += 7) yield* tokenizer.push(decoder.decode(bytes.subarray(i, i + 7)));
  yield* tokenizer.push(decoder.end());
  yield* tokenizer.end();
}

type Row<K extends ImportKind> = K extends 'clients' ? ClientRow : GigRow;

/** The whole import of one file in the domain: detection, pass 1 (profiles), pass 2 (rows). */
function importFixture<K extends ImportKind>(
  kind: K,
  name: string,
): {
  summary: DetectionSummary;
  plan: ImportPlan<K>;
  results: RowResult<Row<K>>[];
} {
  const bytes = readFixture(name);
  const encoding = detectEncoding(bytes.subarray(0, 4096));
  const delimiter = detectDelimiter(createCsvDecoder(encoding.encoding).decode(bytes.subarray(0, 4096)));
  let started: ReturnType<typeof profileImport<K>> | undefined;
  for (const record of records(bytes, delimiter, encoding.encoding)) {
    if (!started) started = profileImport(kind, record);
    else if (started.ok) started.profiler.observe(record);
  }
  if (!started?.ok) throw new Error(started?.problem.code ?? 'empty file');
  const plan = started.profiler.plan();
  const results: RowResult<Row<K>>[] = [];
  for (const record of records(bytes, delimiter, encoding.encoding)) {
    if (record.line === 1) continue;
    const result =
      kind === 'clients'
        ? interpretClientRecord(record, plan as ImportPlan<'clients'>)
        : interpretGigRecord(record, plan as ImportPlan<'gigs'>);
    results.push(result as RowResult<Row<K>>);
  }
  return { summary: describeDetection(encoding, delimiter, plan), plan, results };
}

const accepted = <T>(results: RowResult<T>[]) => results.flatMap((r) => (r?.ok ? [r.value] : []));
const rejected = <T>(results: RowResult<T>[]) =>
  results.flatMap((r) => (r && !r.ok ? [[r.rejection.line, r.rejection.code] as const] : []));

describe('French Excel, CSV (séparateur: point-virgule)', () => {
  const { summary, results } = importFixture('gigs', 'excel-fr-gigs.csv');

  it('is detected as Windows-1252 and semicolons, revenue read excluding tax', () => {
    expect(summary).toMatchObject({ encoding: 'Windows-1252', bom: false, delimiter: 'semicolon', ignored: [], warnings: [] });
    expect(summary.columns.map((c) => [c.field, c.header])).toEqual([
      ['client', 'Raison sociale'],
      ['date', 'Date'],
      ['type', "Type d'événement"],
      ['venue', 'Lieu'],
      ['amountHt', 'Montant HT'],
      ['amountTtc', 'Montant TTC'],
      ['status', 'Statut'],
      ['notes', 'Remarques'],
    ]);
  });

  it('reads the good rows, accents and typographic apostrophes decoded', () => {
    expect(accepted(results)).toEqual([
      expect.objectContaining({
        clientName: 'BAR DU PORT MARTIGUES',
        date: '2022-04-02',
        amountCents: 8000,
        status: 'done',
        type: 'Soirée bar',
      }),
      expect.objectContaining({ clientName: 'Gergom Events', amountCents: 125050, notes: 'Matériel son + lumières; prévoir rallonge' }),
      expect.objectContaining({ clientName: 'pub o’connell’s  salon', date: '2023-03-17', amountCents: 35000 }),
      expect.objectContaining({ clientName: 'LA TAVERNE DES ECRINS', amountCents: 6000, status: 'done' }),
      expect.objectContaining({
        clientName: 'ISTRES PROVENCE HANDBALL',
        status: 'cancelled',
        amountCents: 15000,
        notes: 'Match reporté,\r\nsoirée annulée',
      }),
    ]);
  });

  it('rejects the bad rows with their physical line, and passes over blank and empty ones', () => {
    expect(rejected(results)).toEqual([
      [6, 'date_impossible'],
      [7, 'amount_unreadable'],
      [9, 'client_missing'],
      [13, 'total_row'],
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });
});

describe('Excel CSV UTF-8 with a BOM, clients', () => {
  const { summary, results } = importFixture('clients', 'excel-utf8-bom-clients.csv');

  it('is detected as UTF-8 with BOM, and the first header is read without it', () => {
    expect(summary).toMatchObject({ encoding: 'UTF-8', bom: true, delimiter: 'semicolon', warnings: [] });
    expect(summary.columns[0]).toMatchObject({ field: 'name', header: 'Nom du client' });
  });

  it('reads statistics in French formats, narrow no-break spaces included', () => {
    expect(accepted(results).find((c) => c.name === 'Gergom Events')).toEqual({
      name: 'Gergom Events',
      contact: 'Sandrine Gergom',
      phone: '06 39 98 01 42',
      email: 'contact@gergom-events.example',
      city: 'Marseille',
      category: 'Agence événementielle',
      stats: {
        gigs: 19,
        revenueCents: 1630800,
        firstDate: '2022-05-14',
        lastDate: '2025-11-29',
        priceMinCents: 48000,
        priceMaxCents: 153000,
      },
    });
  });

  it('keeps names that look like HTML, formulas or SQL as typed, and rejects a row without a name', () => {
    expect(accepted(results).map((c) => c.name)).toEqual([
      'LA TAVERNE DES ÉCRINS',
      "PUB O'CONNELL'S SALON",
      'Gergom Events',
      '<script>alert("dj")</script>',
      '=SUM(A1)',
      "Robert'); DROP TABLE clients;--",
      'FESTIVAL ALPES SOUND',
    ]);
    expect(rejected(results)).toEqual([[8, 'name_missing']]);
  });

  it('gives names typed differently in the gigs file the same name key', () => {
    const gigNames = accepted(importFixture('gigs', 'excel-fr-gigs.csv').results).map((g) => nameKey(g.clientName));
    expect(gigNames).toContain(nameKey("PUB O'CONNELL'S SALON"));
    expect(gigNames).toContain(nameKey('LA TAVERNE DES ÉCRINS'));
  });
});

describe('LibreOffice Calc', () => {
  const { summary, results } = importFixture('gigs', 'libreoffice-gigs.csv');

  it('reads quoted fields, d/m/yyyy and dd/mm/yy dates, decimal commas and durations', () => {
    expect(summary).toMatchObject({ encoding: 'UTF-8', bom: false, delimiter: 'comma' });
    expect(accepted(results).map((g) => [g.date, g.clientName, g.amountCents, g.durationMinutes, g.status, g.notes])).toEqual([
      ['2022-04-02', 'BAR DU PORT MARTIGUES', 8000, 240, 'done', undefined],
      ['2022-05-14', 'Gergom Events', 125050, 390, 'done', 'Gala "Printemps", salle comble'],
      ['2023-02-03', 'La Taverne des Écrins', 6000, 270, 'done', undefined],
      ['2026-01-10', 'ROOFTOP EMBRUN', 54000, 270, 'confirmed', undefined],
    ]);
    expect(rejected(results)).toEqual([
      [6, 'duration_unreadable'],
      [7, 'status_unreadable'],
    ]);
  });
});

describe('Google Sheets, US locale', () => {
  const { summary, results } = importFixture('gigs', 'google-sheets-gigs.csv');

  it('reads month-first dates and thousands commas, because the columns prove them', () => {
    expect(summary).toMatchObject({ encoding: 'UTF-8', bom: false, delimiter: 'comma', warnings: [] });
    expect(accepted(results).map((g) => [g.date, g.clientName, g.amountCents, g.status])).toEqual([
      ['2025-12-31', 'ROOFTOP EMBRUN', 125050, 'done'],
      ['2022-04-02', 'BAR DU PORT MARTIGUES', 8000, 'done'],
      ['2022-05-14', 'Gergom Events', 153000, 'done'],
      ['2026-01-24', 'YELLOW MONKEYS', 35000, 'confirmed'],
    ]);
    expect(rejected(results)).toEqual([[6, 'date_impossible']]);
  });
});

describe('tab-separated export', () => {
  const { summary, results } = importFixture('gigs', 'tab-separated-gigs.tsv');

  it('reads tabs and rejects a row with more values than headers', () => {
    expect(summary).toMatchObject({ delimiter: 'tab' });
    expect(accepted(results).map((g) => [g.reference, g.amountCents])).toEqual([
      ['P2025-0001', 41000],
      ['P2025-0002', 153000],
      ['P2025-0003', 12000],
    ]);
    expect(rejected(results)).toEqual([[5, 'too_many_columns']]);
  });
});

describe('the demo portfolio', () => {
  it('imports every gig of the guide, 48,752 € in all', () => {
    const bytes = readDemo('prestations_dj_clean.csv');
    const tokenizer = new CsvTokenizer(detectDelimiter(new TextDecoder().decode(bytes.subarray(0, 4096))));
    const [header, ...rows] = [...tokenizer.push(new TextDecoder().decode(bytes)), ...tokenizer.end()];
    const started = profileImport('gigs', header!);
    if (!started.ok) throw new Error(started.problem.code);
    rows.forEach((r) => started.profiler.observe(r));
    const plan = started.profiler.plan();
    const gigs = accepted(rows.map((r) => interpretGigRecord(r, plan)));
    expect(gigs).toHaveLength(276);
    expect(gigs.reduce((sum, g) => sum + g.amountCents, 0)).toBe(4_875_200);
    expect(plan.warnings).toEqual([]);
  });
});
