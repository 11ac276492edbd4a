import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { outboxMessageResponseSchema, type OutboxMessage } from '../../../../contracts/outbox';

/** An « incertain » message: the user decides whether it went out (never resent without them). */
export async function resolveOutbox({ id, decision }: { id: number; decision: 'resend' | 'mark_sent' }): Promise<OutboxMessage> {
  const { message } = await request('POST', `/api/outbox/${id}/resolve`, outboxMessageResponseSchema, { json: { decision } });
  invalidate(...FOLLOW_UP_KEYS);
  return message;
}
