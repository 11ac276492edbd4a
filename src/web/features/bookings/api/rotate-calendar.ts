import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { calendarSchema, type Calendar } from '../../../../contracts/bookings';

/** A new secret URL: the old one stops working (a phone lost, a link shared by mistake). */
export async function rotateCalendar(): Promise<Calendar> {
  const calendar = await request('POST', '/api/calendar/rotate', calendarSchema);
  invalidate(keys.calendar);
  return calendar;
}
