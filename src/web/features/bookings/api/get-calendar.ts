import { calendarSchema, type Calendar } from '../../../../contracts/bookings';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { Calendar } from '../../../../contracts/bookings';

export function getCalendar(): Promise<Calendar> {
  return request('GET', '/api/calendar', calendarSchema);
}

export function useCalendar() {
  return useQuery(keys.calendar, getCalendar);
}
