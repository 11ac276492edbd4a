import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { outboxMessageSchema, type MessageInput } from './schemas';

const responseSchema = z.object({
  result: z.enum(['queued', 'duplicate']),
  followUpId: z.number().nullable(),
  message: outboxMessageSchema.nullable(),
});
export type SendResult = z.infer<typeof responseSchema>;

/**
 * « Envoyer » through the workspace's SMTP server. The key is the opened generator's: a double
 * click or a retry sends nothing twice and answers `duplicate` with the message's state.
 */
export async function sendFollowUp(input: MessageInput & { idempotencyKey: string }): Promise<SendResult> {
  const result = await request('POST', '/api/follow-ups/send', responseSchema, { json: input });
  invalidate(...FOLLOW_UP_KEYS);
  return result;
}
