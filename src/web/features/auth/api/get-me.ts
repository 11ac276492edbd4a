import { z } from 'zod';
import { request } from '../../../lib/api-client';

export const sessionSchema = z.object({
  user: z.object({ id: z.number(), name: z.string(), email: z.string() }),
  workspace: z.object({ id: z.number(), name: z.string() }),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** 401 when signed out: the caller shows the sign-in page, it is not a lost session. */
export function getMe(): Promise<Session> {
  return request('GET', '/api/me', sessionSchema, { authRoute: true });
}
