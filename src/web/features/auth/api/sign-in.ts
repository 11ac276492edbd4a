import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { sessionSchema, type Session } from '../../../../contracts/auth';

export const signInInputSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });
export type SignInInput = z.infer<typeof signInInputSchema>;

export function signIn(input: SignInInput): Promise<Session> {
  return request('POST', '/api/auth/login', sessionSchema, { json: input, authRoute: true });
}
