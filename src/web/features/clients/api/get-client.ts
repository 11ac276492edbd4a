import { clientDetailSchema, type ClientDetail } from '../../../../contracts/clients';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { ClientDetail } from '../../../../contracts/clients';

export function getClient(id: number): Promise<ClientDetail> {
  return request('GET', `/api/clients/${id}`, clientDetailSchema);
}

export function useClient(id: number) {
  return useQuery(keys.client(id), () => getClient(id));
}
