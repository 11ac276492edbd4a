import { z } from 'zod';
import { request, withQuery } from '../../../lib/api-client';
import { outboxMessageSchema, outboxStateSchema } from './schemas';

const responseSchema = z.object({
  total: z.number(),
  counts: z.record(outboxStateSchema, z.number()),
  done: z.boolean(),
  messages: z.array(outboxMessageSchema),
});
export type OutboxProgress = z.infer<typeof responseSchema>;

/** A batch's progress, polled while it sends (not cached: each poll must reach the server). */
export function getOutbox(batchId: string): Promise<OutboxProgress> {
  return request('GET', withQuery('/api/outbox', { batchId }), responseSchema);
}
