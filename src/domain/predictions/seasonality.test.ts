import { describe, expect, it } from 'vitest';
import { detectSeasonality } from './seasonality';

describe('detectSeasonality', () => {
  it('finds a Christmas party every December and suggests calling in September', () => {
    const p = detectSeasonality(['2023-12-15', '2024-12-13'], '2025-03-01');
    expect(p).not.toBeNull();
    expect(p?.anchorMonth).toBe(12);
    expect(p?.anchorDay).toBe(14);
    expect(p?.years).toEqual([2023, 2024]);
    expect(p?.nextDate).toBe('2025-12-14');
    expect(p?.followUpFrom).toBe('2025-09-14');
    expect(p?.followUpTo).toBe('2025-10-14');
    expect(p?.followUpDue).toBe(false);
    expect(p?.dates).toEqual(['2023-12-15', '2024-12-13']);
    expect(p?.explanation).toBe('a fait sa soirée en décembre 2023 et 2024 : relancer entre le 14 sept. et le 14 oct.');
  });

  it('finds the Fête de la musique on 21 June in leap and common years alike', () => {
    const p = detectSeasonality(['2022-06-21', '2023-06-21', '2024-06-21'], '2024-09-01');
    expect(p?.anchorMonth).toBe(6);
    expect(p?.anchorDay).toBe(21);
    expect(p?.years).toEqual([2022, 2023, 2024]);
    expect(p?.nextDate).toBe('2025-06-21');
    expect(p?.explanation).toBe('a fait sa soirée en juin 2022, 2023 et 2024 : relancer entre le 21 mars et le 21 avr.');
  });

  it('names the months the gigs happened in, not the anchor’s (demo: SOLEVENT SÉMINAIRES, COMITÉ DES FÊTES DE GRANS)', () => {
    const solevent = detectSeasonality(['2023-12-14', '2024-09-18', '2025-01-14'], '2026-01-14');
    expect(solevent?.dates).toEqual(['2023-12-14', '2025-01-14']);
    expect(solevent?.explanation).toMatch(/^a fait sa soirée en décembre 2023 et janvier 2025 : /);
    const comite = detectSeasonality(['2023-07-14', '2024-08-09', '2024-11-22', '2025-05-16', '2025-08-15'], '2026-01-14');
    expect(comite?.dates).toEqual(['2023-07-14', '2024-08-09', '2025-08-15']);
    expect(comite?.explanation).toMatch(
      /^a fait sa soirée en juillet 2023, août 2024 et août 2025 : relancer entre le \d+ (mai|avr\.) et le \d+ (juin|mai)$/,
    );
  });

  it('says the follow-up window as dates: « relancer entre le 28 févr. et le 31 mars »', () => {
    const p = detectSeasonality(['2023-05-31', '2024-05-31'], '2024-12-01');
    expect(p).toMatchObject({ nextDate: '2025-05-31', followUpFrom: '2025-02-28', followUpTo: '2025-03-31' });
    expect(p?.explanation).toBe('a fait sa soirée en mai 2023 et 2024 : relancer entre le 28 févr. et le 31 mars');
  });

  it('handles the year wrap: late December and early January are one season', () => {
    const p = detectSeasonality(['2022-12-28', '2024-01-03', '2024-12-30'], '2025-02-01');
    expect(p).not.toBeNull();
    expect(p?.anchorMonth).toBe(12);
    expect(p?.years).toEqual([2022, 2023, 2024]);
    expect(p?.nextDate.slice(0, 7)).toBe('2025-12');
  });

  it('does not count 28 Dec 2023 and 3 Jan 2024 as two years', () => {
    expect(detectSeasonality(['2023-12-28', '2024-01-03'], '2024-06-01')).toBeNull();
  });

  it('keeps 29 February as an anchor and uses the 28th in common years', () => {
    const p = detectSeasonality(['2020-02-29', '2024-02-29'], '2024-06-01');
    expect(p?.anchorMonth).toBe(2);
    expect(p?.anchorDay).toBe(29);
    expect(p?.nextDate).toBe('2025-02-28');
    expect(p?.followUpFrom).toBe('2024-11-28');
  });

  it('skips this year’s occurrence when it already happened', () => {
    // Anchor mid-December; this year's party already took place on 5 December.
    const p = detectSeasonality(['2023-12-16', '2024-12-14', '2025-12-05'], '2025-12-10');
    expect(p?.nextDate.slice(0, 4)).toBe('2026');
  });

  it('says to call now when the window has started', () => {
    const p = detectSeasonality(['2023-06-10', '2024-06-12'], '2025-04-01');
    expect(p?.nextDate).toBe('2025-06-11');
    expect(p?.followUpDue).toBe(true);
    expect(p?.explanation).toMatch(/relancer dès maintenant \(avant le 11 avr\.\)$/);
  });

  it('ignores gigs after the reference date and needs two distinct years', () => {
    expect(detectSeasonality(['2024-12-15'], '2025-01-10')).toBeNull();
    expect(detectSeasonality(['2024-12-15', '2025-12-15'], '2025-01-10')).toBeNull();
    expect(detectSeasonality(['2023-03-01', '2024-09-15'], '2025-01-10')).toBeNull();
  });

  it('respects the window: 25 days apart is seasonal only with a wider window', () => {
    expect(detectSeasonality(['2023-06-01', '2024-06-26'], '2025-01-01', { windowDays: 10 })).toBeNull();
    expect(detectSeasonality(['2023-06-01', '2024-06-26'], '2025-01-01', { windowDays: 21 })).not.toBeNull();
  });

  it('anchors a club’s season on its opening', () => {
    const gigs: string[] = [];
    for (const year of [2022, 2023, 2024]) {
      for (let m = 9; m <= 12; m++) gigs.push(`${year}-${String(m).padStart(2, '0')}-10`);
      for (let m = 1; m <= 5; m++) gigs.push(`${year + 1}-0${m}-10`);
    }
    const p = detectSeasonality(gigs, '2025-06-15');
    expect(p?.anchorMonth).toBe(9);
    expect(p?.nextDate).toBe('2025-09-10');
  });

  it('requires three years when asked', () => {
    expect(detectSeasonality(['2023-12-15', '2024-12-13'], '2025-03-01', { minYears: 3 })).toBeNull();
  });
});

describe('detectSeasonality: only concentrated recurrences are seasons', () => {
  const monthly = (from: number, to: number) =>
    Array.from({ length: (to - from + 1) * 12 }, (_, i) => `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`);

  it('a bar that books every month of the year is not seasonal', () => {
    expect(detectSeasonality(monthly(2022, 2024), '2025-01-10')).toBeNull();
  });

  it('a camping that books every week of its summer season is, anchored at the season opening', () => {
    const summer = [2023, 2024].flatMap((y) => ['06-15', '06-29', '07-13', '07-27', '08-10', '08-24'].map((d) => `${y}-${d}`));
    const s = detectSeasonality(summer, '2025-01-10');
    expect(s).not.toBeNull();
    expect(s!.nextDate.slice(5, 7)).toBe('06');
  });

  it('a client with one yearly party and a few scattered gigs is, when the party holds half of them', () => {
    const dates = ['2022-12-16', '2023-12-15', '2024-12-13', '2023-04-02', '2024-09-10'];
    expect(detectSeasonality(dates, '2025-06-01')!.anchorMonth).toBe(12);
    // 3 of 5 gigs in the window, and no yearly gap of 200 days: not a season under those settings.
    expect(detectSeasonality(dates, '2025-06-01', { minShare: 0.8, minOffSeasonDays: 200 })).toBeNull();
  });
});
