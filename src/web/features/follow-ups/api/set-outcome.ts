import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { followUpSchema, type FollowUp, type FollowUpOutcome } from './schemas';

const responseSchema = z.object({ followUp: followUpSchema });

export async function setOutcome({ id, outcome }: { id: number; outcome: FollowUpOutcome }): Promise<FollowUp> {
  const { followUp } = await request('PUT', `/api/follow-ups/${id}/outcome`, responseSchema, { json: { outcome } });
  invalidate(...FOLLOW_UP_KEYS);
  return followUp;
}
