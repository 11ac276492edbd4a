import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { draftSchema, type Draft, type TemplateKey } from '../../../../contracts/follow-ups';

export function getDraft(clientId: number, template?: TemplateKey): Promise<Draft> {
  return request('GET', withQuery(`/api/clients/${clientId}/follow-up-draft`, { template }), draftSchema);
}

/** The generator's text for the client, with the template of its segment unless one is chosen. */
export function useDraft(clientId: number, template?: TemplateKey) {
  return useQuery(keys.draft(clientId, template ?? 'auto'), () => getDraft(clientId, template));
}
