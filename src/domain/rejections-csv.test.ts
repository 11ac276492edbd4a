import { describe, expect, it } from 'vitest';
import { csvCell, rejectionsCsv } from './rejections-csv';

describe('rejected rows as CSV', () => {
  it('neutralises formulas and quotes what needs it', () => {
    for (const v of ['=SUM(A1)', '+33 6', '-1', '@cmd', '\tx', '\rx']) expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('Gergom Events')).toBe('Gergom Events');
  });

  it('starts with a BOM, uses ; and CRLF', () => {
    const csv = rejectionsCsv([{ line: 4, field: 'date', value: '31/02/2024', message: 'Date invalide' }]);
    expect(csv).toBe('\uFEFFLigne;Champ;Valeur;Raison\r\n4;date;31/02/2024;Date invalide\r\n');
  });
});
