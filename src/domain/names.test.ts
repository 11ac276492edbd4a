import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, nameKey } from './names';

describe('nameKey', () => {
  it.each([
    ["PUB O'CONNELL'S SALON", 'pub o’connell’s  salon'],
    ['LA TAVERNE DES ÉCRINS', 'La Taverne des Ecrins'],
    ['MAIRIE DE FOS-SUR-MER', 'Mairie de Fos‐sur‐Mer'],
    ['MAIRIE DE FOS-SUR-MER', 'mairie de fos–sur–mer'],
    ['ŒNOTHÈQUE', 'oenotheque'],
    ['CAMILLE & THOMAS', '  camille\u00a0&\u202fthomas '],
  ])('matches %s and %s', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it('keeps different names apart', () => {
    expect(nameKey('Bar du Port')).not.toBe(nameKey('Bar du Pont'));
    expect(nameKey('SOS')).not.toBe(nameKey('S.O.S'));
  });

  it('is idempotent and the same on every call, whatever it remembered (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 50 }), (names) => {
        const first = names.map(nameKey);
        expect(names.map(nameKey)).toEqual(first);
        for (const k of first) expect(nameKey(k)).toBe(k);
      }),
    );
  });
});

describe('compareNames', () => {
  it('sorts the French way, accents and case aside', () => {
    expect(['Zoé', 'éric', 'Eve', 'adèle'].sort(compareNames)).toEqual(['adèle', 'éric', 'Eve', 'Zoé']);
  });
});
