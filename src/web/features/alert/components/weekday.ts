import { LOCALE_OF, type Lang } from '../../../lib/format';

/** The name of an ISO weekday (1 = Monday) in the interface's language, from Intl like the dates. */
export function weekdayName(day: number, lang: Lang): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(LOCALE_OF[lang], { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));
}
