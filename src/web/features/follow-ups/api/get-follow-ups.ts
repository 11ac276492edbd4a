import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { followUpListSchema, type FollowUpList } from '../../../../contracts/follow-ups';

export function getFollowUps(clientId?: number): Promise<FollowUpList> {
  return request('GET', withQuery('/api/follow-ups', { clientId, limit: 1000 }), followUpListSchema);
}

/** Newest first: one client's for its timeline, or every client's (the lists' « relancé le … »). */
export function useFollowUps(clientId?: number) {
  return useQuery(keys.followUps(clientId), () => getFollowUps(clientId));
}
