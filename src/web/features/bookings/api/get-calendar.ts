import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const calendarSchema = z.object({ url: z.string() });
export type Calendar = z.infer<typeof calendarSchema>;

export function getCalendar(): Promise<Calendar> {
  return request('GET', '/api/calendar', calendarSchema);
}

export function useCalendar() {
  return useQuery(keys.calendar, getCalendar);
}
