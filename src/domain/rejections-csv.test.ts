import { describe, expect, it } from 'vitest';
import { csvExportCell as csvCell } from './csv-export';
import { rejectionsCsv } from './rejections-csv';

const labels = {
  columns: ['Ligne', 'Champ', 'Valeur', 'Raison'],
  notKept: (more: number, kept: number) => `… et ${more} autres (${kept})`,
} as const;

describe('rejected rows as CSV', () => {
  it('neutralises formulas and quotes every cell', () => {
    for (const v of ['=SUM(A1)', '+33 6', '-1', '@cmd', '\tx', '\rx']) expect(csvCell(v)).toBe(`"'${v}"`);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('Gergom Events')).toBe('"Gergom Events"');
    expect(csvCell('')).toBe('""');
  });

  it('keeps a formula after a comma inside its cell, whatever delimiter the spreadsheet splits on', () => {
    // A comma-locale spreadsheet split a bare `x,=1+1` into a live `=1+1`.
    expect(csvCell('x,=1+1')).toBe('"x,=1+1"');
    expect(csvCell('x\t=1+1')).toBe('"x\t=1+1"');
    const csv = rejectionsCsv([{ line: 2, field: 'name', value: 'x,=1+1', reason: 'm' }], labels);
    expect(csv.split('\r\n')[1]).toBe('"2";"name";"x,=1+1";"m"');
  });

  it('says how many rows were rejected beyond those kept', () => {
    const csv = rejectionsCsv([{ line: 4, field: null, value: 'x', reason: 'm' }], labels, 1500);
    expect(csv.split('\r\n')[2]).toBe('"";"";"";"… et 1499 autres (1)"');
  });

  it('starts with a BOM, uses ; and CRLF', () => {
    const csv = rejectionsCsv([{ line: 4, field: 'date', value: '31/02/2024', reason: 'Date invalide' }], labels);
    expect(csv).toBe('\uFEFF"Ligne";"Champ";"Valeur";"Raison"\r\n"4";"date";"31/02/2024";"Date invalide"\r\n');
  });
});
