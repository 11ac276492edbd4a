import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { outboxStateSchema, templateKeySchema } from './schemas';

const resultSchema = z.discriminatedUnion('result', [
  z.object({ clientId: z.number(), result: z.literal('queued'), outboxId: z.number(), followUpId: z.number() }),
  z.object({ clientId: z.number(), result: z.literal('duplicate'), outboxId: z.number(), followUpId: z.number().nullable(), state: outboxStateSchema }),
  z.object({ clientId: z.number(), result: z.literal('refused'), reason: z.string(), message: z.string() }),
]);
const responseSchema = z.object({ batchId: z.string(), results: z.array(resultSchema) });
export type BatchResult = z.infer<typeof responseSchema>;

export interface BatchInput {
  batchId: string;
  messages: { clientId: number; subject: string; body: string; template?: z.infer<typeof templateKeySchema> }[];
}

/** « Envoyer tout »: the same batchId again (double click, retry) enqueues nothing new. */
export async function sendBatch(input: BatchInput): Promise<BatchResult> {
  const result = await request('POST', '/api/follow-ups/batch', responseSchema, { json: input });
  invalidate(...FOLLOW_UP_KEYS);
  return result;
}
