import { describe, expect, it } from 'vitest';
import type { ImportKind } from './fields.js';
import { profileImport, type ImportPlan } from './import-plan.js';
import { interpretClientRecord, interpretGigRecord } from './interpret-rows.js';
import { CsvTokenizer, type CsvRecord } from './tokenizer.js';

/** Both passes over a small semicolon file, as the app does them over a streamed one. */
function plan<K extends ImportKind>(kind: K, text: string): { plan: ImportPlan<K>; rows: CsvRecord[] } {
  const tokenizer = new CsvTokenizer(';');
  const [header, ...rows] = [...tokenizer.push(text), ...tokenizer.end()];
  const started = profileImport(kind, header!);
  if (!started.ok) throw new Error(started.problem.code);
  rows.forEach((r) => started.profiler.observe(r));
  return { plan: started.profiler.plan(), rows };
}

const gigs = (lines: string[]) => {
  const { plan: p, rows } = plan('gigs', lines.join('\n'));
  return rows.map((r) => interpretGigRecord(r, p));
};

describe('interpretGigRecord', () => {
  it('rejects what the tokenizer could not read, quoting only an excerpt of the value', () => {
    const long = 'x'.repeat(70_000);
    const results = gigs([
      'Date;Client;Montant;Notes',
      `14/01/2026;Bar;${long};`,
      `14/01/2026;Bar;12${'9'.repeat(5_000)}abc;`,
      `14/01/2026;Bar;;${long}`,
      '14/01/2026;Bar;100;"open',
      '14/01/2026;Bar;200;ok',
    ]);
    const excerpt = `${'x'.repeat(200)}…`;
    expect(results).toEqual([
      {
        ok: false,
        rejection: { line: 2, field: 'amount', header: 'Montant', value: excerpt, code: 'value_too_long', limitKib: 64 },
      },
      {
        ok: false,
        rejection: {
          line: 3,
          field: 'amount',
          header: 'Montant',
          value: `12${'9'.repeat(198)}…`,
          code: 'amount_unreadable',
        },
      },
      {
        ok: false,
        rejection: { line: 4, field: 'notes', header: 'Notes', value: excerpt, code: 'value_too_long', limitKib: 64 },
      },
      {
        ok: false,
        rejection: {
          line: 5,
          field: null,
          header: null,
          value: '14/01/2026;Bar;100;open\n14/01/2026;Bar;200;ok',
          code: 'quote_unclosed',
          quoteLine: 5,
          resumeLine: 6,
        },
      },
      { ok: true, value: expect.objectContaining({ amountCents: 20000 }) },
    ]);
    const [tooLong] = gigs(['Date;Client;Montant', 'y'.repeat(2 * 1024 * 1024)]);
    expect(tooLong).toEqual({
      ok: false,
      rejection: {
        line: 2,
        field: null,
        header: null,
        value: `${'y'.repeat(200)}…`,
        code: 'line_too_long',
        limitMib: 1,
      },
    });
  });

  it('reads a full row, trimming strings and leaving empty ones out', () => {
    expect(
      gigs([
        'Référence;Date;Client;Type;Lieu;Ville;Montant;Durée;Statut;Notes',
        'P1; 14/01/2026 ;  Gergom Events ;Gala;;Marseille;1 250,50 €;4h30;confirmée; ',
      ]),
    ).toEqual([
      {
        ok: true,
        value: {
          reference: 'P1',
          date: '2026-01-14',
          clientName: 'Gergom Events',
          amountCents: 125050,
          status: 'confirmed',
          type: 'Gala',
          venue: undefined,
          city: 'Marseille',
          durationMinutes: 270,
          notes: undefined,
        },
      },
    ]);
  });

  it('takes the amount excluding tax when the file has both, and a blank status as done', () => {
    const [row] = gigs(['Client;Date;Montant TTC;Montant HT;Statut', 'Bar;02/04/2022;96,00;80,00;']);
    expect(row).toMatchObject({ ok: true, value: { amountCents: 8000, status: 'done' } });
  });

  it('rejects what it cannot read, saying why in French, with the line, field and header', () => {
    const results = gigs([
      'Client;Date;Prix;Statut;Durée',
      'Bar;31/02/2025;80;;',
      'Bar;2025-02-28;à voir;;',
      ';2025-02-28;80;;',
      'Bar;2025-02-28;-80;;',
      'Bar;;80;;',
      'Bar;2025-02-28;80;peut-être;',
      'Bar;2025-02-28;80;;toute la nuit',
      'Bar;2025-02-28;80;;;en trop',
    ]);
    expect(results.map((r) => r && !r.ok && r.rejection)).toEqual([
      { line: 2, field: 'date', header: 'Date', value: '31/02/2025', code: 'date_impossible' },
      { line: 3, field: 'amount', header: 'Prix', value: 'à voir', code: 'amount_unreadable' },
      { line: 4, field: 'client', header: 'Client', value: '', code: 'client_missing' },
      { line: 5, field: 'amount', header: 'Prix', value: '-80', code: 'amount_negative' },
      { line: 6, field: 'date', header: 'Date', value: '', code: 'date_missing' },
      { line: 7, field: 'status', header: 'Statut', value: 'peut-être', code: 'status_unreadable' },
      { line: 8, field: 'duration', header: 'Durée', value: 'toute la nuit', code: 'duration_unreadable' },
      { line: 9, field: null, header: null, value: 'en trop', code: 'too_many_columns', columns: 6, expected: 5 },
    ]);
  });

  it('rejects total lines, but not a client whose name starts with Total', () => {
    const results = gigs([
      'Client;Date;Prix',
      'TOTAL;;48752',
      ';Total général;48752',
      'Sous-total 2025;;1200',
      'Total Energies;2025-02-28;80',
    ]);
    expect(results.map((r) => (r?.ok ? r.value.clientName : r?.rejection.code))).toEqual([
      'total_row',
      'total_row',
      'total_row',
      'Total Energies',
    ]);
  });

  it('passes over empty rows and fills missing trailing fields with empty ones', () => {
    const results = gigs(['Client;Date;Prix;Notes', ';;;', 'Bar;2025-02-28;80']);
    expect(results).toEqual([null, { ok: true, value: expect.objectContaining({ clientName: 'Bar', notes: undefined }) }]);
  });
});

describe('interpretClientRecord', () => {
  const clients = (lines: string[]) => {
    const { plan: p, rows } = plan('clients', lines.join('\n'));
    return rows.map((r) => interpretClientRecord(r, p));
  };

  it('reads statistics, leaving out the empty ones', () => {
    expect(
      clients([
        'nom;ville;nb_prestations;ca_total;premiere_prestation;derniere_prestation;tarif_min;tarif_max',
        'FESTIVAL ALPES SOUND;Gap;0;0.00;;;;',
        'ROOFTOP EMBRUN;Embrun;8;3700.00;2025-06-14;2025-12-31;410.00;540.00',
        'SANS STATS;Istres;;;;;;',
      ]),
    ).toEqual([
      { ok: true, value: expect.objectContaining({ name: 'FESTIVAL ALPES SOUND', stats: { gigs: 0, revenueCents: 0 } }) },
      {
        ok: true,
        value: expect.objectContaining({
          stats: {
            gigs: 8,
            revenueCents: 370000,
            firstDate: '2025-06-14',
            lastDate: '2025-12-31',
            priceMinCents: 41000,
            priceMaxCents: 54000,
          },
        }),
      },
      { ok: true, value: expect.objectContaining({ name: 'SANS STATS', stats: undefined }) },
    ]);
  });

  it('keeps names that look like code exactly as typed, and rejects a row without a name', () => {
    const results = clients(['Nom;Ville', '  <b>DJ</b> ;Gap', '=SUM(A1);Gap', `"'; DROP TABLE clients;--";Gap`, ';Gap', 'Bar;Gap;;x']);
    expect(results.map((r) => (r?.ok ? r.value.name : r?.rejection.code))).toEqual([
      '<b>DJ</b>',
      '=SUM(A1)',
      "'; DROP TABLE clients;--",
      'name_missing',
      'too_many_columns',
    ]);
  });

  it('rejects unreadable statistics', () => {
    const [row] = clients(['Nom;nb_prestations;premiere_prestation', 'Bar;dix;2025-02-29']);
    expect(row).toEqual({
      ok: false,
      rejection: { line: 2, field: 'statGigs', header: 'nb_prestations', value: 'dix', code: 'gigs_unreadable' },
    });
  });
});
