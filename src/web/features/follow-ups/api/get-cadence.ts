import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { cadenceSchema, type Cadence } from './schemas';

const responseSchema = z.object({ cadence: cadenceSchema });

export async function getCadence(clientId: number): Promise<Cadence> {
  return (await request('GET', `/api/clients/${clientId}/cadence`, responseSchema)).cadence;
}

export function useCadence(clientId: number) {
  return useQuery(keys.cadence(clientId), () => getCadence(clientId));
}
