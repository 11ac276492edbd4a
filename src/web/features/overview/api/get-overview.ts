import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const overviewSchema = z.object({
  asOf: z.string(),
  /** Today in the workspace's time zone: when `asOf` differs, the page says so. */
  today: z.string(),
  clients: z.number(),
  gigs: z.number(),
  revenue: z.number(),
  vip: z.number(),
  statuses: z.object({ active: z.number(), dormant: z.number(), lapsed: z.number(), prospect: z.number() }),
  activeShare: z.object({ active: z.number(), withGigs: z.number(), ratio: z.number().nullable(), objective: z.number() }),
});
export type Overview = z.infer<typeof overviewSchema>;

export function getOverview(): Promise<Overview> {
  return request('GET', '/api/overview', overviewSchema);
}

export function useOverview() {
  return useQuery(keys.overview, getOverview);
}
