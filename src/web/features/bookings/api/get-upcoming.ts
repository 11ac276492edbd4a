import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { clientGigSchema } from '../../../lib/entities';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const upcomingSchema = z.object({ gigs: z.array(clientGigSchema) });
export type Upcoming = z.infer<typeof upcomingSchema>;

export function getUpcoming(): Promise<Upcoming> {
  return request('GET', '/api/upcoming', upcomingSchema);
}

export function useUpcoming() {
  return useQuery(keys.upcoming, getUpcoming);
}
