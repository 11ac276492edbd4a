import type { Lang } from '../../../lib/format';
import { LOCALE_OF } from '../../../lib/format';

/** Axis labels: `12 k`, `1,5 k`. */
export function compactNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE_OF[lang], { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** « janv. 25 » */
export function monthLabel(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_OF[lang], { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** « janvier », or short: « janv. », « juin », « juil. » (never two months alike). */
export function monthName(month: number, lang: Lang, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(LOCALE_OF[lang], { month: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}
