/** Figures and dates as the user reads them, through Intl: `48 752 €`, `14 janv. 2026`, « il y a 3 mois ». */
import { eurosToCents, formatEuros } from '../../domain/money';

import type { Lang } from '../../contracts/messages/fill';

export type { Lang };

export const LOCALE_OF: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.ListFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

/** Amounts arrive in euros (the API's JSON); the project's one formatter works in cents. */
export function formatMoney(euros: number, lang: Lang): string {
  return formatEuros(eurosToCents(euros), LOCALE_OF[lang]);
}

export function formatNumber(n: number, lang: Lang): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(LOCALE_OF[lang])).format(n);
}

export function formatPercent(ratio: number, lang: Lang): string {
  return cached(`p:${lang}`, () => new Intl.NumberFormat(LOCALE_OF[lang], { style: 'percent', maximumFractionDigits: 0 })).format(ratio);
}

/** Calendar dates are read at UTC midnight so that no time zone moves them by a day. */
function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function formatDate(iso: string, lang: Lang): string {
  return cached(
    `d:${lang}`,
    () => new Intl.DateTimeFormat(LOCALE_OF[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  ).format(utc(iso));
}

export function formatLongDate(iso: string, lang: Lang): string {
  return cached(
    `ld:${lang}`,
    () => new Intl.DateTimeFormat(LOCALE_OF[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ).format(utc(iso));
}

/**
 * The months some dates fall in: « juin 2022 et 2025 » when the month is the same, else
 * « décembre 2023 et janvier 2025 » (a client's yearly gigs, named as they happened).
 */
export function formatMonthsOf(isoDates: readonly string[], lang: Lang): string {
  const month = cached(`m:${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { month: 'long', timeZone: 'UTC' }));
  const monthYear = cached(
    `my:${lang}`,
    () => new Intl.DateTimeFormat(LOCALE_OF[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  );
  const list = cached(`l:${lang}`, () => new Intl.ListFormat(LOCALE_OF[lang], { type: 'conjunction' }));
  const months = isoDates.map((d) => month.format(utc(d)));
  if (months.length > 0 && months.every((m) => m === months[0])) return `${months[0]} ${list.format(isoDates.map((d) => d.slice(0, 4)))}`;
  return list.format(isoDates.map((d) => monthYear.format(utc(d))));
}

/** Instants (a note's creation) in the browser's time zone, where the user is. */
export function formatDateTime(instant: string, lang: Lang): string {
  return cached(`dt:${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { dateStyle: 'medium', timeStyle: 'short' })).format(
    new Date(instant),
  );
}

const DAYS_PER_MONTH = 365.25 / 12;

/**
 * « il y a 3 mois » from a number of days before the reference date (negative: in the future).
 * Rounded down, so that 932 days reads « il y a 2 ans », not three.
 */
export function formatElapsed(days: number, lang: Lang): string {
  const abs = Math.abs(days);
  const sign = days >= 0 ? -1 : 1;
  if (abs <= 1)
    return cached(`ra:${lang}`, () => new Intl.RelativeTimeFormat(LOCALE_OF[lang], { numeric: 'auto' })).format(sign * abs, 'day');
  const rtf = cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(LOCALE_OF[lang], { numeric: 'always' }));
  if (abs < 31) return rtf.format(sign * abs, 'day');
  if (abs < 365) return rtf.format(sign * Math.max(1, Math.floor(abs / DAYS_PER_MONTH)), 'month');
  // 365 days is a year, never « il y a 0 an ».
  return rtf.format(sign * Math.max(1, Math.floor(abs / 365.25)), 'year');
}

/** « 350 € – 900 € », or one figure when both ends are the same (« 350 € », not « 350 € – 350 € »). */
export function formatMoneyRange(min: number, max: number, lang: Lang): string {
  return min === max ? formatMoney(min, lang) : `${formatMoney(min, lang)} – ${formatMoney(max, lang)}`;
}

/** A file's size: « 830 octets », « 12,3 ko », « 104,5 Mo » (decimal units, as file managers show them). */
export function formatBytes(bytes: number, lang: Lang): string {
  const [value, unitName] =
    bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return cached(
    `b:${unitName}:${lang}`,
    () =>
      new Intl.NumberFormat(LOCALE_OF[lang], {
        style: 'unit',
        unit: unitName,
        unitDisplay: unitName === 'byte' ? 'long' : 'short',
        maximumFractionDigits: 1,
      }),
  ).format(value);
}

/** A gig's length as it is said: « 4 h », « 1 h 30 », « 45 min » (English: « 4 h », « 1 h 30 min »). */
export function formatDuration(minutes: number, lang: Lang): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  if (m === 0) return `${h} h`;
  return lang === 'fr' ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h ${m} min`;
}

function unit(n: number, u: 'day' | 'month' | 'year', lang: Lang): string {
  return cached(`u:${u}:${lang}`, () => new Intl.NumberFormat(LOCALE_OF[lang], { style: 'unit', unit: u, unitDisplay: 'long' })).format(n);
}

/** Time without a gig in days, months or years: « 932 jours (2 ans et 6 mois) », « 45 jours ». */
export function formatInactivity(days: number, lang: Lang): string {
  const inDays = unit(days, 'day', lang);
  if (days < 60) return inDays;
  const months = Math.floor(days / DAYS_PER_MONTH);
  if (months < 12) return `${inDays} (${unit(months, 'month', lang)})`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts = [unit(years, 'year', lang), ...(rest > 0 ? [unit(rest, 'month', lang)] : [])];
  const list = cached(`l:${lang}`, () => new Intl.ListFormat(LOCALE_OF[lang], { type: 'conjunction' }));
  return `${inDays} (${list.format(parts)})`;
}
