import { gigListSchema, type GigList } from '../../../../contracts/bookings';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type Upcoming = GigList;

export function getUpcoming(): Promise<Upcoming> {
  return request('GET', '/api/upcoming', gigListSchema);
}

export function useUpcoming() {
  return useQuery(keys.upcoming, getUpcoming);
}
