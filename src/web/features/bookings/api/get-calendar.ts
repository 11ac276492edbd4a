import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

/** `url` from PUBLIC_URL, or null: then only `path`, put after the address the app is open at. */
export const calendarSchema = z.object({ url: z.string().nullable(), path: z.string() });
export type Calendar = z.infer<typeof calendarSchema>;

export function getCalendar(): Promise<Calendar> {
  return request('GET', '/api/calendar', calendarSchema);
}

export function useCalendar() {
  return useQuery(keys.calendar, getCalendar);
}
