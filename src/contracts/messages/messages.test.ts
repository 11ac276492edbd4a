import { describe, expect, it } from 'vitest';
import { catalogues, fill, langOf, message, pluralMessage } from '.';

describe('the message catalogue', () => {
  it('has the same keys in French and English, and the same placeholders in each sentence', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.fr).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, french] of Object.entries(catalogues.fr)) {
      const english = catalogues.en[key as keyof typeof catalogues.en];
      const pairs =
        typeof french === 'string'
          ? [[french, english]]
          : [
              [french.one, (english as typeof french).one],
              [french.other, (english as typeof french).other],
            ];
      for (const [f, e] of pairs) expect(names(e as string), key).toEqual(names(f as string));
    }
  });

  it('words a key with its values, in either language, plural forms by the count', () => {
    expect(message('fr', 'overview.active', { active: 60 })).toBe('actifs (< 60 jours)');
    expect(message('en', 'overview.active', { active: 60 })).toBe('active (< 60 days)');
    expect(pluralMessage('fr', 'common.gigs', 1)).toBe('1 prestation');
    expect(pluralMessage('en', 'common.gigs', 3)).toBe('3 gigs');
    expect(fill('{a} et {b}', { a: 1 })).toBe('1 et {b}');
  });

  it('reads the request’s language from Accept-Language: English only when it ranks before French', () => {
    expect(langOf(undefined)).toBe('fr');
    expect(langOf('en')).toBe('en');
    expect(langOf('en-GB,en;q=0.9')).toBe('en');
    expect(langOf('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(langOf('de-DE, en;q=0.5')).toBe('en');
    expect(langOf('en;q=0.4, fr;q=0.6')).toBe('fr');
    expect(langOf('de, es')).toBe('fr');
    expect(langOf('en;q=0')).toBe('fr');
  });
});
