import { describe, expect, it } from 'vitest';
import { monthName } from './format';

describe('month names on the charts', () => {
  it('are twelve different short names in French and English (« juin » and « juil. », not « jui » twice)', () => {
    for (const lang of ['fr', 'en'] as const) {
      const short = Array.from({ length: 12 }, (_, i) => monthName(i + 1, lang, 'short'));
      expect(new Set(short).size).toBe(12);
    }
    expect([6, 7].map((m) => monthName(m, 'fr', 'short'))).toEqual(['juin', 'juil.']);
    expect(monthName(1, 'fr')).toBe('janvier');
  });
});
