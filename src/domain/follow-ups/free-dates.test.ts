import { describe, expect, it } from 'vitest';
import { nextFreeWeekendDates } from './free-dates';

describe('nextFreeWeekendDates', () => {
  it('offers the Fridays and Saturdays after the reference date', () => {
    // 2026-01-14 is a Wednesday.
    expect(nextFreeWeekendDates('2026-01-14', [])).toEqual(['2026-01-16', '2026-01-17', '2026-01-23', '2026-01-24']);
  });

  it('skips the dates a booking takes and never offers the reference date itself', () => {
    expect(nextFreeWeekendDates('2026-01-16', ['2026-01-17', '2026-01-23'], 3)).toEqual(['2026-01-24', '2026-01-30', '2026-01-31']);
  });

  it('stops at the horizon', () => {
    expect(nextFreeWeekendDates('2026-01-14', ['2026-01-16', '2026-01-17'], 4, 7)).toEqual([]);
  });
});
