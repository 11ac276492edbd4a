import { request, withQuery } from '../../../lib/api-client';
import { outboxProgressSchema, type OutboxProgress } from '../../../../contracts/outbox';

/** A batch's progress, polled while it sends (not cached: each poll must reach the server). */
export function getOutbox(batchId: string): Promise<OutboxProgress> {
  return request('GET', withQuery('/api/outbox', { batchId }), outboxProgressSchema);
}
