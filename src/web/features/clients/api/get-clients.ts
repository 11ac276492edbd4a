import { clientListSchema, type ClientList, type ClientsQuery } from '../../../../contracts/clients';
import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { ClientList, ClientSort, Segment } from '../../../../contracts/clients';
export type ClientListParams = Omit<ClientsQuery, 'asOf'>;

export function getClients(params: ClientListParams): Promise<ClientList> {
  return request('GET', withQuery('/api/clients', { ...params }), clientListSchema);
}

export function useClients(params: ClientListParams) {
  const key = withQuery(keys.clients, { ...params });
  return useQuery(key, () => getClients(params));
}
