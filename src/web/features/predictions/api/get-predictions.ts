import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { confidenceSchema, predictionSchema } from '../../../lib/entities';
import { keys } from '../../../lib/query-keys';

export type { Confidence, Prediction } from '../../../lib/entities';

export const modelSchema = z.object({
  confidence: confidenceSchema,
  reasons: z.array(z.string()),
  clients: z.number(),
  repeaters: z.number(),
});
export type PredictionModel = z.infer<typeof modelSchema>;

const responseSchema = z.object({ asOf: z.string(), model: modelSchema, clients: z.array(predictionSchema) });
export type Predictions = z.infer<typeof responseSchema>;

export function getPredictions(): Promise<Predictions> {
  return request('GET', '/api/predictions', responseSchema);
}

/** One request for every list of the CRM page; the cards find their client by id. */
export function usePredictions() {
  return useQuery(keys.predictions, getPredictions);
}
