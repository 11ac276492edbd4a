import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';

const responseSchema = z.object({ clientId: z.number(), doNotContact: z.boolean() });

/** « Ne plus contacter »: no channel reaches the client afterwards, even forced. */
export async function setDoNotContact({ clientId, value }: { clientId: number; value: boolean }): Promise<boolean> {
  const { doNotContact } = await request('PUT', `/api/clients/${clientId}/do-not-contact`, responseSchema, { json: { value } });
  invalidate(...FOLLOW_UP_KEYS);
  return doNotContact;
}
