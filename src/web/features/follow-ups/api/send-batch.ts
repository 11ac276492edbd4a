import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { batchResultSchema, type BatchInput, type BatchResult } from '../../../../contracts/outbox';

export type { BatchInput, BatchResult };

/** « Envoyer tout »: the same batchId again (double click, retry) enqueues nothing new. */
export async function sendBatch(input: BatchInput): Promise<BatchResult> {
  const result = await request('POST', '/api/follow-ups/batch', batchResultSchema, { json: input });
  invalidate(...FOLLOW_UP_KEYS);
  return result;
}
