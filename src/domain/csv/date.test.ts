import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth } from '../dates.js';
import { parseDate, type DateOrder } from './date.js';

const read = (text: string, order: DateOrder = 'dmy') => {
  const result = parseDate(text, order);
  return result.ok ? result.date : result.code;
};

describe('parseDate', () => {
  it.each([
    ['2026-01-14', 'dmy', '2026-01-14'],
    ['2026-01-14', 'mdy', '2026-01-14'],
    ['14/01/2026', 'dmy', '2026-01-14'],
    ['4/1/2026', 'dmy', '2026-01-04'],
    ['4/1/2026', 'mdy', '2026-04-01'],
    ['14/01/26', 'dmy', '2026-01-14'],
    ['14.01.2026', 'dmy', '2026-01-14'],
    ['14-01-2026', 'dmy', '2026-01-14'],
    ['12/31/2025', 'mdy', '2025-12-31'],
    ['14/01/2026 21:00', 'dmy', '2026-01-14'],
    ['14/01/2026 21h00', 'dmy', '2026-01-14'],
    ['2026-01-14T21:00:00', 'dmy', '2026-01-14'],
    ['2026-01-14 21:00:00.000+01:00', 'dmy', '2026-01-14'],
    [' 2024-02-29 ', 'dmy', '2024-02-29'],
  ] as const)('reads %j (%s) as %s', (text, order, expected) => {
    expect(read(text, order)).toBe(expected);
  });

  it.each([
    ['31/02/2025', 'dmy', 'date_impossible'],
    ['2025-02-29', 'dmy', 'date_impossible'],
    ['12/31/2025', 'dmy', 'date_impossible'],
    ['00/01/2025', 'dmy', 'date_impossible'],
    ['', 'dmy', 'date_missing'],
    ['demain', 'dmy', 'date_unreadable'],
    ['14/01-2026', 'dmy', 'date_unreadable'],
    ['14 janvier 2026', 'dmy', 'date_unreadable'],
  ] as const)('rejects %j (%s)', (text, order, reason) => {
    expect(read(text, order)).toBe(reason);
  });

  it('reads back every valid date written in each format', () => {
    const p2 = (n: number) => String(n).padStart(2, '0');
    const formats: [(y: number, m: number, d: number) => string, DateOrder][] = [
      [(y, m, d) => `${y}-${p2(m)}-${p2(d)}`, 'mdy'],
      [(y, m, d) => `${p2(d)}/${p2(m)}/${y}`, 'dmy'],
      [(y, m, d) => `${d}/${m}/${y}`, 'dmy'],
      [(y, m, d) => `${p2(d)}.${p2(m)}.${y}`, 'dmy'],
      [(y, m, d) => `${p2(d)}-${p2(m)}-${y}`, 'dmy'],
      [(y, m, d) => `${m}/${d}/${y}`, 'mdy'],
      [(y, m, d) => `${p2(d)}/${p2(m)}/${y} 21:30`, 'dmy'],
    ];
    const date = fc
      .record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
      .filter(({ y, m, d }) => d <= daysInMonth(y, m));
    fc.assert(
      fc.property(date, fc.nat(formats.length - 1), ({ y, m, d }, f) => {
        const [format, order] = formats[f]!;
        expect(read(format(y, m, d), order)).toBe(`${y}-${p2(m)}-${p2(d)}`);
      }),
    );
    // Two-digit years are read in 2000–2099.
    fc.assert(
      fc.property(
        date.filter(({ y }) => y >= 2000 && y < 2100),
        ({ y, m, d }) => {
          expect(read(`${p2(d)}/${p2(m)}/${p2(y % 100)}`)).toBe(`${y}-${p2(m)}-${p2(d)}`);
        },
      ),
    );
  });
});
