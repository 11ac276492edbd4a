import { doNotContactResultSchema } from '../../../../contracts/follow-ups';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';

/** « Ne plus contacter »: no channel reaches the client afterwards, even forced. */
export async function setDoNotContact({ clientId, value }: { clientId: number; value: boolean }): Promise<boolean> {
  const { doNotContact } = await request('PUT', `/api/clients/${clientId}/do-not-contact`, doNotContactResultSchema, { json: { value } });
  invalidate(...FOLLOW_UP_KEYS);
  return doNotContact;
}
