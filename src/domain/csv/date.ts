import { isValidDate, makeIsoDate, type IsoDate } from '../dates.js';

export type DateOrder = 'dmy' | 'mdy';

export type DateResult = { ok: true; date: IsoDate } | { ok: false; code: 'date_missing' | 'date_unreadable' | 'date_impossible' };

/** A time of day after the date is ignored: a gig belongs to the calendar day written. */
const TIME = String.raw`(?:[T ]+\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);

/** The two leading numbers of a day-month or month-day date, for the column profile. */
export function leadingDateParts(text: string): [number, number] | null {
  const m = YEAR_LAST.exec(text.trim());
  return m ? [Number(m[1]), Number(m[3])] : null;
}

/**
 * Reads a calendar date. Year-first dates are ISO whatever the column's order; others are read
 * day-first or month-first as the column profile decided.
 */
export function parseDate(text: string, order: DateOrder): DateResult {
  const value = text.trim();
  if (value === '') return { ok: false, code: 'date_missing' };
  let year: number, month: number, day: number;
  const iso = YEAR_FIRST.exec(value);
  const local = iso ? null : YEAR_LAST.exec(value);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[3]), Number(iso[4])];
  } else if (local) {
    const [first, second] = [Number(local[1]), Number(local[3])];
    [day, month] = order === 'dmy' ? [first, second] : [second, first];
    const written = local[4] ?? '';
    // Two-digit years are this century's: a DJ's history does not go back to 1925.
    year = written.length === 2 ? 2000 + Number(written) : Number(written);
  } else {
    return { ok: false, code: 'date_unreadable' };
  }
  if (!isValidDate(year, month, day)) return { ok: false, code: 'date_impossible' };
  return { ok: true, date: makeIsoDate(year, month, day) };
}
