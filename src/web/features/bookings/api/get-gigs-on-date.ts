import { z } from 'zod';
import { request, withQuery } from '../../../lib/api-client';
import { clientGigSchema } from '../../../lib/entities';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const gigsOnDateSchema = z.object({ gigs: z.array(clientGigSchema) });
export type GigsOnDate = z.infer<typeof gigsOnDateSchema>;

export function getGigsOnDate(date: string): Promise<GigsOnDate> {
  return request('GET', withQuery('/api/gigs', { date }), gigsOnDateSchema);
}

/** Disabled until a full date is typed. */
export function useGigsOnDate(date: string) {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  return useQuery(keys.gigsOn(date), () => getGigsOnDate(date), valid);
}
