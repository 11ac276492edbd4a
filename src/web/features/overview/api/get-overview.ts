import { overviewSchema, type Overview } from '../../../../contracts/clients';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { Overview } from '../../../../contracts/clients';

export function getOverview(): Promise<Overview> {
  return request('GET', '/api/overview', overviewSchema);
}

export function useOverview() {
  return useQuery(keys.overview, getOverview);
}
