import { describe, expect, it } from 'vitest';
import { AmountColumnProfile, DateColumnProfile } from './column-profile.js';

function decideDates(values: string[]) {
  const profile = new DateColumnProfile('Date');
  values.forEach((v) => profile.observe(v));
  return profile.decide();
}

function decideAmounts(values: string[]) {
  const profile = new AmountColumnProfile('Prix');
  values.forEach((v) => profile.observe(v));
  return profile.decide();
}

describe('DateColumnProfile', () => {
  it('reads day-first without a warning when a day above 12 proves it', () => {
    expect(decideDates(['03/04/2025', '14/01/2026'])).toEqual({ value: 'dmy' });
  });

  it('reads month-first when a second component above 12 proves it', () => {
    expect(decideDates(['03/04/2025', '12/31/2025', '1/24/2026'])).toEqual({ value: 'mdy' });
  });

  it('falls back to day-first with a warning when every date is ambiguous', () => {
    expect(decideDates(['03/04/2025', '05/06/2025'])).toEqual({
      value: 'dmy',
      warning: { code: 'dates_ambiguous', header: 'Date' },
    });
  });

  it('says so when the column mixes both orders', () => {
    expect(decideDates(['14/01/2026', '12/31/2025']).warning).toEqual({ code: 'dates_mixed', header: 'Date' });
  });

  it('is not troubled by ISO dates, same day and month, blanks or garbage', () => {
    expect(decideDates(['2026-01-14', '05/05/2025', '', 'demain'])).toEqual({ value: 'dmy' });
  });
});

describe('AmountColumnProfile', () => {
  it('keeps the decimal comma, warning about 1,250 alone', () => {
    expect(decideAmounts(['1,250', '80'])).toEqual({
      value: ',',
      warning: { code: 'amounts_ambiguous', header: 'Prix', sample: '1,250' },
    });
  });

  it('takes the decimal point when other values prove commas group thousands', () => {
    expect(decideAmounts(['1,250', '1,250.50'])).toEqual({ value: '.' });
    expect(decideAmounts(['12,500', '80.50'])).toEqual({ value: '.' });
    expect(decideAmounts(['1,250', '1,250,000'])).toEqual({ value: '.' });
  });

  it('keeps the decimal comma without a warning when the column proves it', () => {
    expect(decideAmounts(['1,250', '80,50 €'])).toEqual({ value: ',' });
    expect(decideAmounts(['1 250,00 €', '90'])).toEqual({ value: ',' });
    expect(decideAmounts(['1.250', '1.250.000'])).toEqual({ value: ',' });
  });

  it('has nothing to say about whole amounts', () => {
    expect(decideAmounts(['80', '€1250', ''])).toEqual({ value: ',' });
  });
});
