import { sessionSchema, type Session } from '../../../../contracts/auth';
import { request } from '../../../lib/api-client';

export type { Session } from '../../../../contracts/auth';

/** 401 when signed out: the caller shows the sign-in page, it is not a lost session. */
export function getMe(): Promise<Session> {
  return request('GET', '/api/me', sessionSchema, { authRoute: true });
}
