import { noContent, request } from '../../../lib/api-client';

export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/logout', noContent, { authRoute: true });
}
