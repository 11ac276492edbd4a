import { describe, expect, it } from 'vitest';
import { formatMonthsOf } from './format';

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
