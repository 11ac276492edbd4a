import { z } from 'zod';
import { request } from '../../../lib/api-client';

export const setupStatusSchema = z.object({ needsSetup: z.boolean(), needsCode: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export function getSetupStatus(): Promise<SetupStatus> {
  return request('GET', '/api/setup', setupStatusSchema, { authRoute: true });
}
