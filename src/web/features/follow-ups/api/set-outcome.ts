import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { followUpResponseSchema, type FollowUp, type FollowUpOutcome } from '../../../../contracts/follow-ups';

export async function setOutcome({ id, outcome }: { id: number; outcome: FollowUpOutcome }): Promise<FollowUp> {
  const { followUp } = await request('PUT', `/api/follow-ups/${id}/outcome`, followUpResponseSchema, { json: { outcome } });
  invalidate(...FOLLOW_UP_KEYS);
  return followUp;
}
