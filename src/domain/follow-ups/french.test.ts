import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { firstNameOf, frenchDateList, frenchLongDate, timeSinceInWords, weekdayOf, wholeMonthsBetween } from './french';

describe('timeSinceInWords', () => {
  it.each([
    ['2026-01-14', '2026-01-14', 'moins d’un jour'],
    ['2026-01-13', '2026-01-14', '1 jour'],
    ['2025-12-15', '2026-01-14', '30 jours'],
    ['2025-12-14', '2026-01-14', '1 mois'],
    ['2025-10-15', '2026-01-14', '2 mois'],
    ['2025-10-14', '2026-01-14', '3 mois'],
    ['2025-01-15', '2026-01-14', '11 mois'],
    ['2025-01-14', '2026-01-14', '1 an'],
    ['2024-12-15', '2026-01-14', '1 an'],
    ['2024-12-14', '2026-01-14', 'plus d’un an'],
    ['2024-01-15', '2026-01-14', 'plus d’un an'],
    ['2024-01-14', '2026-01-14', '2 ans'],
    ['2023-12-14', '2026-01-14', 'plus de 2 ans'],
    // YELLOW MONKEYS in the guide: 932 days.
    ['2023-06-27', '2026-01-14', 'plus de 2 ans'],
    ['2016-01-14', '2026-01-14', '10 ans'],
  ])('%s → %s: %s', (from, to, words) => {
    expect(timeSinceInWords(from, to)).toBe(words);
  });

  it('counts the last day of a shorter month as a whole month', () => {
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(1);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-27')).toBe(0);
    expect(timeSinceInWords('2024-02-29', '2025-02-28')).toBe('1 an');
  });

  it('never says fewer words for a longer silence (months never go down)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 400 }), (start, extra) => {
        const from = addDays('1990-01-01', start);
        const to = addDays(from, extra);
        expect(wholeMonthsBetween(from, addDays(to, 1))).toBeGreaterThanOrEqual(wholeMonthsBetween(from, to));
      }),
    );
  });
});

describe('French dates', () => {
  it('writes long dates, the first of the month as an ordinal', () => {
    expect(frenchLongDate('2023-06-27')).toBe('27 juin 2023');
    expect(frenchLongDate('2026-03-01')).toBe('1er mars 2026');
    expect(frenchLongDate('2026-01-16', { weekday: true, year: false })).toBe('vendredi 16 janvier');
    expect(weekdayOf('2026-01-14')).toBe(3);
  });

  it('lists dates with "et", the year only when it changes', () => {
    expect(frenchDateList(['2026-01-16'], '2026-01-14')).toBe('vendredi 16 janvier');
    expect(frenchDateList(['2025-12-26', '2025-12-27', '2026-01-02'], '2025-12-20')).toBe(
      'vendredi 26 décembre, samedi 27 décembre et vendredi 2 janvier 2026',
    );
  });
});

describe('firstNameOf', () => {
  it.each([
    ['Kevin Arnaud', 'Kevin'],
    ['  KEVIN ARNAUD ', 'Kevin'],
    ['jean-luc vidal', 'Jean-Luc'],
    ['Jean-Luc Vidal', 'Jean-Luc'],
    ['Hélène Borel', 'Hélène'],
    ['Service Culture', null],
    ['Maison des lycéens', null],
    ['M. Dupont', null],
    ['Mme Durand', null],
    ['', null],
    [null, null],
    ['06 12 34 56 78', null],
    ['contact@example.com', null],
  ])('%s → %s', (contact, name) => {
    expect(firstNameOf(contact)).toBe(name);
  });
});
