import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatElapsed, formatMoneyRange, formatMonthsOf } from './format';

describe('formatMonthsOf: the months a client’s yearly gigs happened in', () => {
  it('names each month with its year when they differ (SOLEVENT SÉMINAIRES: 14/12/2023, 14/01/2025)', () => {
    expect(formatMonthsOf(['2023-12-14', '2025-01-14'], 'fr')).toBe('décembre 2023 et janvier 2025');
    expect(formatMonthsOf(['2023-12-14', '2025-01-14'], 'en')).toBe('December 2023 and January 2025');
    expect(formatMonthsOf(['2023-07-14', '2024-08-09', '2025-08-15'], 'fr')).toBe('juillet 2023, août 2024 et août 2025');
  });

  it('says the month once when it is the same every year', () => {
    expect(formatMonthsOf(['2022-06-21', '2025-06-21'], 'fr')).toBe('juin 2022 et 2025');
    expect(formatMonthsOf(['2022-06-21', '2023-06-20', '2025-06-21'], 'en')).toBe('June 2022, 2023 and 2025');
  });
});

describe('words that read wrong at the edges (issue 11, point 8)', () => {
  it('says « il y a 1 an » at exactly 365 days, never « il y a 0 an »', () => {
    expect(formatElapsed(365, 'fr')).toBe('il y a 1 an');
    expect(formatElapsed(364, 'fr')).toBe('il y a 11 mois');
    expect(formatElapsed(365, 'en')).toBe('1 year ago');
    expect(formatElapsed(731, 'fr')).toBe('il y a 2 ans');
  });

  it('shows one figure for a range whose ends are equal', () => {
    expect(formatMoneyRange(350, 350, 'fr').replace(/\s/g, ' ')).toBe('350 €');
    expect(formatMoneyRange(350, 900, 'fr').replace(/\s/g, ' ')).toBe('350 € – 900 €');
  });

  it('says durations in hours and minutes', () => {
    expect(formatDuration(240, 'fr')).toBe('4 h');
    expect(formatDuration(90, 'fr')).toBe('1 h 30');
    expect(formatDuration(65, 'fr')).toBe('1 h 05');
    expect(formatDuration(45, 'fr')).toBe('45 min');
    expect(formatDuration(90, 'en')).toBe('1 h 30 min');
  });
});

describe('formatBytes: a file’s size as a file manager says it', () => {
  it('uses octets, ko and Mo in French', () => {
    expect(formatBytes(830, 'fr').replace(/\s/g, ' ')).toBe('830 octets');
    expect(formatBytes(12_345, 'fr').replace(/\s/g, ' ')).toBe('12,3 ko');
    expect(formatBytes(104_500_000, 'fr').replace(/\s/g, ' ')).toBe('104,5 Mo');
    expect(formatBytes(104_500_000, 'en')).toBe('104.5 MB');
  });
});
