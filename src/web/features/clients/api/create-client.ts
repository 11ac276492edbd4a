import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { clientResponseSchema, type Client } from '../../../../contracts/clients';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';

export const contactInputSchema = z.object({
  name: z.string().trim().min(1),
  contact: z.string().trim().optional(),
  email: z.string().trim().optional(),
  phone: z.string().trim().optional(),
  city: z.string().trim().optional(),
  category: z.string().trim().optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export async function createClient(input: ContactInput): Promise<Client> {
  const { client } = await request('POST', '/api/clients', clientResponseSchema, { json: contactInputSchema.parse(input) });
  invalidate(...PORTFOLIO_KEYS);
  return client;
}
