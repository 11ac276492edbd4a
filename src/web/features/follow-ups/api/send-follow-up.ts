import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { sendResultSchema, type SendResult } from '../../../../contracts/outbox';
import { type MessageInput } from '../../../../contracts/follow-ups';

export type { SendResult };

/**
 * « Envoyer » through the workspace's SMTP server. The key is the opened generator's: a double
 * click or a retry sends nothing twice and answers `duplicate` with the message's state.
 */
export async function sendFollowUp(input: MessageInput & { idempotencyKey: string }): Promise<SendResult> {
  const result = await request('POST', '/api/follow-ups/send', sendResultSchema, { json: input });
  invalidate(...FOLLOW_UP_KEYS);
  return result;
}
