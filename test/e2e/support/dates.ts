import { addDays, calendarDateIn, type IsoDate } from '../../../src/domain/dates';

/** Today where the demo workspace is (Europe/Paris), from this machine's clock, as the server sees it. */
export function todayInParis(): IsoDate {
  return calendarDateIn('Europe/Paris', new Date());
}

/** A date as the French interface shows it: « 2 déc. 2026 ». */
export function shownDate(iso: IsoDate): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

export { addDays };
