import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { clientSchema, type Client } from '../../../lib/entities';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';
import { contactInputSchema } from './create-client';

export const updateClientInputSchema = contactInputSchema.partial();
export type UpdateClientInput = z.infer<typeof updateClientInputSchema>;

const responseSchema = z.object({ client: clientSchema });

export async function updateClient({ id, ...input }: UpdateClientInput & { id: number }): Promise<Client> {
  const { client } = await request('PATCH', `/api/clients/${id}`, responseSchema, { json: updateClientInputSchema.parse(input) });
  invalidate(...PORTFOLIO_KEYS);
  return client;
}
