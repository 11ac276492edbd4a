import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { sessionSchema, type Session } from '../../../../contracts/auth';

export const createOwnerInputSchema = z.object({
  name: z.string().trim().min(1),
  email: z.email(),
  password: z.string().min(10),
  code: z.string().trim().optional(),
});
export type CreateOwnerInput = z.infer<typeof createOwnerInputSchema>;

export function createOwner(input: CreateOwnerInput): Promise<Session> {
  return request('POST', '/api/setup', sessionSchema, { json: input, authRoute: true });
}
