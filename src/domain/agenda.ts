/** The agenda's month: its days in weeks from Monday, and the days that hold two gigs or more. */
import { daysInMonth, makeIsoDate, toDayNumber, type IsoDate } from './dates';

/** The days that hold more than one gig (a cancelled gig frees its day: leave it out before). */
export function doubleBookedDays(gigs: readonly { date: IsoDate }[]): IsoDate[] {
  const count = new Map<IsoDate, number>();
  for (const g of gigs) count.set(g.date, (count.get(g.date) ?? 0) + 1);
  return [...count]
    .filter(([, n]) => n > 1)
    .map(([date]) => date)
    .sort();
}

/** The first and last day of a month written `YYYY-MM`. */
export function monthBounds(month: string): { from: IsoDate; to: IsoDate } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: makeIsoDate(year, m, 1), to: makeIsoDate(year, m, daysInMonth(year, m)) };
}

/** The month's weeks, Monday first; null for the days of the weeks outside the month. */
export function monthWeeks(month: string): (IsoDate | null)[][] {
  const { from, to } = monthBounds(month);
  const days: (IsoDate | null)[] = [];
  // Day number 0 is 1970-01-01, a Thursday: Monday is 0 after this shift.
  const lead = (toDayNumber(from) + 3) % 7;
  for (let i = 0; i < lead; i++) days.push(null);
  const last = Number(to.slice(8, 10));
  for (let d = 1; d <= last; d++) days.push(`${month}-${String(d).padStart(2, '0')}`);
  while (days.length % 7 !== 0) days.push(null);
  const weeks: (IsoDate | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

/** The month before or after `YYYY-MM`. */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
