import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount.js';

const cents = (text: string, decimal: ',' | '.' = ',') => {
  const result = parseAmount(text, decimal);
  return result.ok ? result.cents : result.code;
};

describe('parseAmount', () => {
  it.each([
    ['1250.5', '.', 125050],
    ['1250,50', ',', 125050],
    ['1 250,00 €', ',', 125000],
    ['1\u00a0250,00\u00a0€', ',', 125000],
    ['1\u202f250,00\u202f€', ',', 125000],
    ['1\u2009250,00 €', ',', 125000],
    ['1.250,50', ',', 125050],
    ['1.250,50', '.', 125050],
    ['1,250.50', '.', 125050],
    ['1,250.50', ',', 125050],
    ['1 250 000,00', ',', 125000000],
    ['€80', ',', 8000],
    ['80 €', ',', 8000],
    ['80€', ',', 8000],
    ['EUR 80', ',', 8000],
    ['80 euros', ',', 8000],
    ['80 € HT', ',', 8000],
    ['0', ',', 0],
    ['80.5', ',', 8050],
    ['80.000', '.', 8000],
  ] as const)('reads %j (decimal %s) as %i cents', (text, decimal, expected) => {
    expect(cents(text, decimal)).toBe(expected);
  });

  it('reads 1,250 and 1.250 by the column convention: the other mark before three digits groups thousands', () => {
    expect(cents('1,250', ',')).toBe(125);
    expect(cents('1,250', '.')).toBe(125000);
    expect(cents('1.250', ',')).toBe(125000);
    expect(cents('1.250', '.')).toBe(125);
  });

  it.each([
    ['', 'amount_missing'],
    ['   ', 'amount_missing'],
    ['-80', 'amount_negative'],
    ['−80 €', 'amount_negative'],
    ['(80)', 'amount_negative'],
    ['à voir', 'amount_unreadable'],
    ['€', 'amount_unreadable'],
    ['1.2.3', 'amount_unreadable'],
    ['12,5.0', 'amount_unreadable'],
    ['1 25,00', 'amount_unreadable'],
    ['80 90', 'amount_unreadable'],
    ['80,125', 'amount_decimals'],
    ['99999999999999999999', 'amount_too_large'],
  ])('rejects %j', (text, reason) => {
    expect(cents(text)).toBe(reason);
  });

  it('reads back any amount written in each supported style', () => {
    const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+$)/g, sep);
    const styles: [(euros: string, fraction: string) => string, ',' | '.'][] = [
      [(e, f) => `${e}.${f}`, '.'],
      [(e, f) => `${e},${f}`, ','],
      [(e, f) => `${group(e, ' ')},${f} €`, ','],
      [(e, f) => `${group(e, '\u00a0')},${f}\u00a0€`, ','],
      [(e, f) => `${group(e, '\u202f')},${f}\u202f€`, ','],
      [(e, f) => `${group(e, '.')},${f}`, ','],
      [(e, f) => `${group(e, ',')}.${f}`, '.'],
      [(e, f) => `€${group(e, ',')}.${f}`, '.'],
      [(e, f) => `EUR ${e}.${f}`, '.'],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.nat(styles.length - 1), (value, s) => {
        const [format, decimal] = styles[s]!;
        const text = format(String(Math.floor(value / 100)), String(value % 100).padStart(2, '0'));
        expect(cents(text, decimal)).toBe(value);
      }),
    );
  });
});
