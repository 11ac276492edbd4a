import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { clientResponseSchema, type Client } from '../../../../contracts/clients';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';
import { contactInputSchema } from './create-client';

export const updateClientInputSchema = contactInputSchema.partial();
export type UpdateClientInput = z.infer<typeof updateClientInputSchema>;

export async function updateClient({ id, ...input }: UpdateClientInput & { id: number }): Promise<Client> {
  const { client } = await request('PATCH', `/api/clients/${id}`, clientResponseSchema, { json: updateClientInputSchema.parse(input) });
  invalidate(...PORTFOLIO_KEYS);
  return client;
}
