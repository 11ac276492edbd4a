import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { followUpResponseSchema, type FollowUp, type MessageInput } from '../../../../contracts/follow-ups';

/** Copier / mailto: recorded « à confirmer » until the user says it went out. */
export async function recordFollowUp(input: MessageInput & { channel: 'copied' | 'mailto' | 'phone' | 'other' }): Promise<FollowUp> {
  const { followUp } = await request('POST', '/api/follow-ups', followUpResponseSchema, { json: input });
  invalidate(...FOLLOW_UP_KEYS);
  return followUp;
}
