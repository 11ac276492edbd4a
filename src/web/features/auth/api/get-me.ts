import { z } from 'zod';
import { request } from '../../../lib/api-client';

export const sessionSchema = z.object({
  // owner: sets the workspace up (settings, sending, templates); member: works with the clients.
  user: z.object({ id: z.number(), name: z.string(), email: z.string(), role: z.enum(['owner', 'member']) }),
  workspace: z.object({ id: z.number(), name: z.string() }),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** 401 when signed out: the caller shows the sign-in page, it is not a lost session. */
export function getMe(): Promise<Session> {
  return request('GET', '/api/me', sessionSchema, { authRoute: true });
}
