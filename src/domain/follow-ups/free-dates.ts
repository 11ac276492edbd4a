/** The DJ's next free Friday and Saturday evenings, from the dates the bookings already take. */
import { addDays, type IsoDate } from '../dates';
import { weekdayOf } from './french';

const FRIDAY = 5;
const SATURDAY = 6;

/**
 * The first `count` Fridays and Saturdays after `asOf` (the day itself is too late to offer)
 * that no booking takes, looking at most `horizonDays` ahead.
 */
export function nextFreeWeekendDates(asOf: IsoDate, taken: Iterable<IsoDate>, count = 4, horizonDays = 366): IsoDate[] {
  const busy = new Set(taken);
  const free: IsoDate[] = [];
  for (let i = 1; i <= horizonDays && free.length < count; i++) {
    const date = addDays(asOf, i);
    const weekday = weekdayOf(date);
    if ((weekday === FRIDAY || weekday === SATURDAY) && !busy.has(date)) free.push(date);
  }
  return free;
}
