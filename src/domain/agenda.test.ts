import { describe, expect, it } from 'vitest';
import { doubleBookedDays, monthBounds, monthWeeks, shiftMonth } from './agenda';

describe('the agenda month', () => {
  it('names the days holding two gigs or more', () => {
    expect(
      doubleBookedDays([
        { date: '2026-06-20' },
        { date: '2026-06-21' },
        { date: '2026-06-20' },
        { date: '2026-06-01' },
        { date: '2026-06-01' },
      ]),
    ).toEqual(['2026-06-01', '2026-06-20']);
    expect(doubleBookedDays([{ date: '2026-06-20' }])).toEqual([]);
  });

  it('lays the month out in weeks from Monday', () => {
    // 1 June 2026 is a Monday; 1 February 2026 a Sunday.
    expect(monthWeeks('2026-06')[0]).toEqual([
      '2026-06-01',
      '2026-06-02',
      '2026-06-03',
      '2026-06-04',
      '2026-06-05',
      '2026-06-06',
      '2026-06-07',
    ]);
    const feb = monthWeeks('2026-02');
    expect(feb[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(feb.flat().filter(Boolean)).toHaveLength(28);
    expect(feb.every((w) => w.length === 7)).toBe(true);
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('moves from month to month across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-06', 0)).toBe('2026-06');
  });
});
