import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eurosToCents, formatEuros } from './money';

const plain = (s: string) => s.replace(/[\u202F\u00A0]/g, ' ');

describe('formatEuros', () => {
  it('writes whole euros without decimals and cents with two, the French way', () => {
    expect(plain(formatEuros(4_875_200))).toBe('48 752 €');
    expect(plain(formatEuros(41_150))).toBe('411,50 €');
    expect(plain(formatEuros(5))).toBe('0,05 €');
    expect(formatEuros(125_050, 'en-GB')).toBe('€1,250.50');
  });

  it('round-trips any amount through cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (cents) => {
        const text = plain(formatEuros(cents)).replace(/ /g, '').replace('€', '').replace(',', '.');
        expect(eurosToCents(Number(text))).toBe(cents);
      }),
    );
  });
});
