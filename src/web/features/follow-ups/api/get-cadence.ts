import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { cadenceResponseSchema, type Cadence } from '../../../../contracts/follow-ups';

export async function getCadence(clientId: number): Promise<Cadence> {
  return (await request('GET', `/api/clients/${clientId}/cadence`, cadenceResponseSchema)).cadence;
}

export function useCadence(clientId: number) {
  return useQuery(keys.cadence(clientId), () => getCadence(clientId));
}
