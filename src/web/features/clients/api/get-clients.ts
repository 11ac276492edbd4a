import { z } from 'zod';
import { request, withQuery } from '../../../lib/api-client';
import { clientSchema } from '../../../lib/entities';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const segmentSchema = z.enum(['vip', 'active', 'dormant', 'lapsed', 'prospect']);
export type Segment = z.infer<typeof segmentSchema>;
export const sortSchema = z.enum(['name', 'gigs', 'revenue', 'last', 'priority']);
export type ClientSort = z.infer<typeof sortSchema>;

export const clientListSchema = z.object({ asOf: z.string(), total: z.number(), clients: z.array(clientSchema) });
export type ClientList = z.infer<typeof clientListSchema>;

export interface ClientListParams {
  segment?: Segment;
  sort?: ClientSort;
  q?: string;
  limit?: number;
  offset?: number;
}

export function getClients(params: ClientListParams): Promise<ClientList> {
  return request('GET', withQuery('/api/clients', { ...params }), clientListSchema);
}

export function useClients(params: ClientListParams) {
  const key = withQuery(keys.clients, { ...params });
  return useQuery(key, () => getClients(params));
}
