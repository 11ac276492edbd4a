import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDateIn, daysBetween, daysInMonth, fromDayNumber, isIsoDate, toDayNumber } from './dates';

describe('calendar dates', () => {
  it('counts days like the proleptic Gregorian calendar of Date (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        // (Date.UTC would map the years 0 to 99 to 1900 to 1999: the instant itself is the oracle.)
        const expected = Math.floor(d.getTime() / 86_400_000);
        expect(toDayNumber(iso)).toBe(expected);
        expect(fromDayNumber(expected)).toBe(iso);
      }),
    );
  });

  it('refuses what is not YYYY-MM-DD', () => {
    for (const bad of ['2026-1-14', '14/01/2026', '2026-13-01', '2026-01-00', '20260114', '2026-01-14T00:00', 'abcd-ef-gh']) {
      expect(() => toDayNumber(bad), bad).toThrow(RangeError);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('knows the length of every month, with the Gregorian century rules', () => {
    expect([1900, 2000, 2023, 2024, 2100].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29, 28]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
        const first = (y: number, m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
        if (next.year > 9999) return;
        expect(daysInMonth(year, month)).toBe(toDayNumber(first(next.year, next.month)) - toDayNumber(first(year, month)));
      }),
    );
  });

  it('adds and subtracts across months, leap days and years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-06-27', '2026-01-14')).toBe(932);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('gives the calendar date of an instant in a time zone', () => {
    // 23:30 UTC on 14 January is already the 15th in Paris.
    expect(calendarDateIn('Europe/Paris', new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-15');
    expect(calendarDateIn('America/Martinique', new Date('2026-01-15T02:00:00Z'))).toBe('2026-01-14');
  });
});
