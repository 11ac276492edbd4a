import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './delimiter.js';

describe('detectDelimiter', () => {
  it('finds semicolons even when French amounts hold commas', () => {
    expect(detectDelimiter('Raison sociale;Date;Montant HT\r\nBar du Port;02/04/2022;1 250,00 €\r\nGergom;14/05/2022;80,50 €\r\n')).toBe(
      ';',
    );
  });

  it('finds commas with quoted fields holding semicolons and commas', () => {
    expect(detectDelimiter('date,client,notes\n2022-04-02,Bar,"son; lumières, fumée"\n2022-04-03,Bar,\n')).toBe(',');
  });

  it('finds tabs', () => {
    expect(detectDelimiter('Date\tClient\tMontant\n2025-06-14\tROOFTOP, EMBRUN\t410,00\n')).toBe('\t');
  });

  it('prefers the delimiter that gives every line the header field count', () => {
    // Commas split more on the first data line, but only semicolons agree on all lines.
    expect(detectDelimiter('a;b\n1,5,7,9;2\n3;4\n')).toBe(';');
  });

  it('ignores a last line cut short by the head, and reads a one-line head', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5')).toBe(';');
    expect(detectDelimiter('nom\tville')).toBe('\t');
  });

  it('falls back to commas when nothing splits', () => {
    expect(detectDelimiter('nom\nBar du Port\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});
