import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { FOLLOW_UP_KEYS, keys } from '../../../lib/query-keys';
import { outboxMessageSchema, outboxStateSchema, type OutboxMessage } from './schemas';

const listingSchema = z.object({
  counts: z.record(outboxStateSchema, z.number()),
  attention: z.object({ pending: z.number(), failedRecently: z.number() }),
  messages: z.array(outboxMessageSchema),
});
export type OutboxListing = z.infer<typeof listingSchema>;

/** The outbox page and the CRM's panel: the newest messages and the counts. */
export function getOutboxListing(): Promise<OutboxListing> {
  return request('GET', '/api/outbox/messages', listingSchema);
}

export function useOutboxListing() {
  return useQuery(keys.outbox, getOutboxListing);
}

const messageResponse = z.object({ message: outboxMessageSchema });

/** « Annuler l’envoi »: the client is free again at once. */
export async function cancelOutboxMessage(id: number): Promise<OutboxMessage> {
  const { message } = await request('POST', `/api/outbox/${id}/cancel`, messageResponse);
  invalidate(keys.outbox, ...FOLLOW_UP_KEYS);
  return message;
}

/** « Réessayer »: a failed or cancelled message goes back in the queue. */
export async function retryOutboxMessage(id: number): Promise<OutboxMessage> {
  const { message } = await request('POST', `/api/outbox/${id}/retry`, messageResponse);
  invalidate(keys.outbox, ...FOLLOW_UP_KEYS);
  return message;
}
