import { request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { FOLLOW_UP_KEYS, keys } from '../../../lib/query-keys';
import { outboxListingSchema, outboxMessageResponseSchema, type OutboxListing, type OutboxMessage } from '../../../../contracts/outbox';

export type { OutboxListing };

/** The outbox page and the CRM's panel: the newest messages and the counts. */
export function getOutboxListing(): Promise<OutboxListing> {
  return request('GET', '/api/outbox/messages', outboxListingSchema);
}

export function useOutboxListing() {
  return useQuery(keys.outbox, getOutboxListing);
}

/** « Annuler l’envoi »: the client is free again at once. */
export async function cancelOutboxMessage(id: number): Promise<OutboxMessage> {
  const { message } = await request('POST', `/api/outbox/${id}/cancel`, outboxMessageResponseSchema);
  invalidate(keys.outbox, ...FOLLOW_UP_KEYS);
  return message;
}

/** « Réessayer »: a failed or cancelled message goes back in the queue. */
export async function retryOutboxMessage(id: number): Promise<OutboxMessage> {
  const { message } = await request('POST', `/api/outbox/${id}/retry`, outboxMessageResponseSchema);
  invalidate(keys.outbox, ...FOLLOW_UP_KEYS);
  return message;
}
