import { gigListSchema, type GigList } from '../../../../contracts/bookings';
import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type GigsOnDate = GigList;

export function getGigsOnDate(date: string): Promise<GigsOnDate> {
  return request('GET', withQuery('/api/gigs', { date }), gigListSchema);
}

/** Disabled until a full date is typed. */
export function useGigsOnDate(date: string) {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  return useQuery(keys.gigsOn(date), () => getGigsOnDate(date), valid);
}
