import { z } from 'zod';
import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { predictionModelSchema, predictionSchema } from '../../../lib/entities';
import { keys } from '../../../lib/query-keys';

export type { Confidence, Prediction, PredictionModel, PredictionReason } from '../../../lib/entities';

const responseSchema = z.object({ asOf: z.string(), model: predictionModelSchema, total: z.number(), clients: z.array(predictionSchema) });
export type Predictions = z.infer<typeof responseSchema>;

/** Paged and filtered like GET /api/clients: ask for the page of clients a list shows. */
export interface PredictionPageParams {
  segment?: 'vip' | 'active' | 'dormant' | 'lapsed' | 'prospect';
  sort?: 'name' | 'gigs' | 'revenue' | 'last' | 'priority';
  q?: string;
  limit?: number;
  offset?: number;
}

export function getPredictions(params: PredictionPageParams): Promise<Predictions> {
  return request('GET', withQuery('/api/predictions', { ...params }), responseSchema);
}

/** The predictions of one page of a list; its cards find their client by id. */
export function usePredictions(params: PredictionPageParams) {
  return useQuery(withQuery(keys.predictions, { ...params }), () => getPredictions(params));
}
