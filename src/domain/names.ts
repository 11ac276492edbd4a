/**
 * The one normalised key through which names of people and businesses are compared:
 * case, accents, apostrophe and dash variants, ligatures and runs of spaces do not matter.
 */
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u0060\u00B4\u02B9\u02BC\u2032\uFF07]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const SPACES = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g;
const COMBINING = /[\u0300-\u036f]/g;

/**
 * An import calls this several times per row on a few thousand distinct names: remembering the
 * last ones saves most of the work, and the bound keeps memory flat whatever the file's size.
 */
const MAX_REMEMBERED = 50_000;
const remembered = new Map<string, string>();

export function nameKey(name: string): string {
  let key = remembered.get(name);
  if (key === undefined) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    key = computeNameKey(name);
    // A name read from a file is a slice of a whole decoded chunk, which a remembered slice would
    // keep alive: remember a copy of its own instead (once per distinct name).
    remembered.set(ownCopy(name), key);
  }
  return key;
}

function ownCopy(text: string): string {
  return Array.from(text).join('');
}

function computeNameKey(name: string): string {
  return name
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim()
    .toLocaleLowerCase('fr');
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Sorts names the French way, independent of any database collation. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
