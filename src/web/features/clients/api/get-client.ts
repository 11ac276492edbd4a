import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { clientSchema, gigSchema, noteSchema, predictionModelSchema, predictionSchema } from '../../../lib/entities';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const clientDetailSchema = z.object({
  client: clientSchema,
  gigs: z.array(gigSchema),
  totalsByYear: z.array(z.object({ year: z.number(), gigs: z.number(), revenue: z.number() })),
  notes: z.array(noteSchema),
  prediction: predictionSchema.nullish(),
  predictionModel: predictionModelSchema.nullish(),
});
export type ClientDetail = z.infer<typeof clientDetailSchema>;

export function getClient(id: number): Promise<ClientDetail> {
  return request('GET', `/api/clients/${id}`, clientDetailSchema);
}

export function useClient(id: number) {
  return useQuery(keys.client(id), () => getClient(id));
}
