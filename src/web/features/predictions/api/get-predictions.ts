import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import type { ClientsQuery } from '../../../../contracts/clients';
import { predictionPageSchema, type PredictionPage } from '../../../../contracts/predictions';
import { keys } from '../../../lib/query-keys';

export type { Confidence, Prediction, PredictionModel, PredictionReason } from '../../../../contracts/predictions';

export type Predictions = PredictionPage;

/** Paged and filtered like GET /api/clients: ask for the page of clients a list shows. */
export type PredictionPageParams = Omit<ClientsQuery, 'asOf'>;

export function getPredictions(params: PredictionPageParams): Promise<Predictions> {
  return request('GET', withQuery('/api/predictions', { ...params }), predictionPageSchema);
}

/** The predictions of one page of a list; its cards find their client by id. */
export function usePredictions(params: PredictionPageParams) {
  return useQuery(withQuery(keys.predictions, { ...params }), () => getPredictions(params));
}
