/**
 * The French words of follow-up messages: time since the last gig, long dates, first names.
 * Pure: the dates come in.
 */
import { daysBetween, daysInMonth, toDayNumber, type IsoDate } from '../dates';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

function parts(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** "27 juin 2023", "1er mars 2026" (French writes the first of the month as an ordinal). */
export function frenchLongDate(date: IsoDate, options: { weekday?: boolean; year?: boolean } = {}): string {
  const [y, m, d] = parts(date);
  const day = d === 1 ? '1er' : String(d);
  const text = `${day} ${MONTHS[m - 1]}${options.year === false ? '' : ` ${y}`}`;
  return options.weekday ? `${WEEKDAYS[weekdayOf(date)]} ${text}` : text;
}

/**
 * Whole calendar months from `from` to `to`. The last day of a month completes a month that
 * began on a later day number (31 January → 28 February is one month).
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && d2 !== daysInMonth(y2, m2)) months -= 1;
  return months;
}

/**
 * Time since a date in words, as a message says it: "12 jours", "3 mois", "1 an", "plus d'un an",
 * "2 ans", "plus de 2 ans". Under a year the whole months are given ("3 mois" from the 14th of
 * October to the 14th of January and up to the 13th of February); from a year on, the whole years,
 * with "plus de" as soon as a month more has passed.
 */
export function timeSinceInWords(from: IsoDate, to: IsoDate): string {
  const days = daysBetween(from, to);
  if (days <= 0) return 'moins d’un jour';
  const months = wholeMonthsBetween(from, to);
  if (months < 1) return days === 1 ? '1 jour' : `${days} jours`;
  if (months < 12) return `${months} mois`;
  const years = Math.floor(months / 12);
  const exact = months % 12 === 0;
  if (years === 1) return exact ? '1 an' : 'plus d’un an';
  return exact ? `${years} ans` : `plus de ${years} ans`;
}

/** "vendredi 16 janvier, samedi 17 janvier et vendredi 23 janvier"; the year only when it is not `asOf`'s. */
export function frenchDateList(dates: readonly IsoDate[], asOf: IsoDate): string {
  const year = asOf.slice(0, 4);
  const words = dates.map((d) => frenchLongDate(d, { weekday: true, year: d.slice(0, 4) !== year }));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} et ${words[words.length - 1]}`;
}

/** Words that start a contact field without being a first name: a service, a civility, a team. */
const NOT_A_FIRST_NAME = new Set([
  'service',
  'services',
  'maison',
  'mairie',
  'direction',
  'bureau',
  'accueil',
  'secretariat',
  'equipe',
  'comite',
  'association',
  'contact',
  'pole',
  'cellule',
  'office',
  'club',
  'bde',
  'bds',
  'asso',
  'societe',
  'ste',
  'sarl',
  'sas',
  'm',
  'mr',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'mademoiselle',
  'dr',
  'me',
  'les',
  'le',
  'la',
  'the',
  'team',
]);

function plainKey(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
}

/** "KEVIN" and "kevin" become "Kevin", "JEAN-LUC" "Jean-Luc"; a name typed in mixed case is kept. */
function capitalise(word: string): string {
  if (word !== word.toUpperCase() && word !== word.toLowerCase()) return word;
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

/**
 * The first name in a client's contact field ("Kevin Arnaud" → "Kevin"), or null when the field
 * is empty or names a service rather than a person ("Service Culture", "Maison des lycéens", "M. Dupont").
 */
export function firstNameOf(contact: string | null | undefined): string | null {
  const first = (contact ?? '').trim().split(/[\s,;/]+/)[0] ?? '';
  if (first === '' || !/^\p{L}[\p{L}'’-]*\.?$/u.test(first)) return null;
  if (NOT_A_FIRST_NAME.has(plainKey(first))) return null;
  if (first.length < 2) return null;
  return capitalise(first);
}
