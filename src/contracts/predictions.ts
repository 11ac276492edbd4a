/**
 * Predictions as they travel (docs/api.md « Predictions »; CLI `djbooker predictions --json`):
 * a client's forecast and the fit's summary. Money in euros.
 */
import { z } from 'zod';
import { centsToEuros } from '../domain/money';
import {
  PREDICTION_CONFIDENCES,
  PREDICTION_FITS,
  PREDICTION_REASON_CODES,
  type ClientPrediction,
  type PortfolioModel,
  type PredictionReason as DomainReason,
} from '../domain/predictions/client-predictions';
import type { SeasonalPattern } from '../domain/predictions/seasonality';
import { enumOf } from './common';

export const confidenceSchema = enumOf(PREDICTION_CONFIDENCES);
export type Confidence = z.infer<typeof confidenceSchema>;

/**
 * The French sentences the server still builds (a prediction's explanation, a reason's text),
 * for scripts and the CLI; the web words the codes itself.
 */
export const explanationText = z.string();

export const predictionSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** null after a single gig day. */
  pAlive: z.number().nullable(),
  expectedGigs: z.number().nullable(),
  expectedGigAmount: z.number(),
  spendBasis: z.enum(['client', 'population', 'portfolio']),
  expectedRevenue: z.number(),
  revenueIfWonBack: z.number(),
  /** Where revenueIfWonBack comes from. */
  basis: z.enum(['model', 'history']),
  confidence: confidenceSchema,
  seasonal: z
    .object({
      nextDate: z.string(),
      followUpFrom: z.string(),
      followUpTo: z.string(),
      followUpDue: z.boolean(),
      dates: z.array(z.string()),
      explanation: explanationText,
    })
    .nullable(),
  explanation: explanationText,
});
export type Prediction = z.infer<typeof predictionSchema>;

/** Why the fit's confidence is not high: a code the messages word, naming the fit it is about. */
export const predictionReasonSchema = z.object({
  code: enumOf(PREDICTION_REASON_CODES),
  fit: enumOf(PREDICTION_FITS),
  count: z.number().optional(),
  threshold: z.number().optional(),
  text: explanationText,
});
export type PredictionReason = z.infer<typeof predictionReasonSchema>;

export const predictionModelSchema = z.object({
  bgNbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }).nullable(),
  gammaGamma: z.object({ p: z.number(), q: z.number(), gamma: z.number() }).nullable(),
  confidence: confidenceSchema,
  reasons: z.array(predictionReasonSchema),
  clients: z.number(),
  repeaters: z.number(),
});
export type PredictionModel = z.infer<typeof predictionModelSchema>;

/** `GET /api/predictions` (the query is the clients list's: clientsQuerySchema). */
export const predictionPageSchema = z.object({
  asOf: z.string(),
  model: predictionModelSchema,
  total: z.number(),
  clients: z.array(predictionSchema),
});
export type PredictionPage = z.infer<typeof predictionPageSchema>;

/** CLI `djbooker predictions --json`. */
export const forecastSchema = z.object({ asOf: z.string(), model: predictionModelSchema, clients: z.array(predictionSchema) });
export type ForecastJson = z.infer<typeof forecastSchema>;

// ---- From the domain's forecast (cents → euros)

export interface ClientForecastFigures {
  clientId: number;
  name: string;
  prediction: ClientPrediction;
  seasonal: SeasonalPattern | null;
  explanation: string;
}

export function predictionJson(c: ClientForecastFigures): Prediction {
  const p = c.prediction;
  return {
    id: c.clientId,
    name: c.name,
    pAlive: p.pAlive,
    expectedGigs: p.expectedGigs,
    expectedGigAmount: centsToEuros(p.expectedGigCents),
    spendBasis: p.spendBasis,
    expectedRevenue: centsToEuros(p.expectedRevenueCents),
    revenueIfWonBack: centsToEuros(p.revenueIfWonBackCents),
    basis: p.basis,
    confidence: p.confidence,
    seasonal: c.seasonal
      ? {
          nextDate: c.seasonal.nextDate,
          followUpFrom: c.seasonal.followUpFrom,
          followUpTo: c.seasonal.followUpTo,
          followUpDue: c.seasonal.followUpDue,
          dates: c.seasonal.dates,
          explanation: c.seasonal.explanation,
        }
      : null,
    explanation: c.explanation,
  };
}

export type ModelFigures = Pick<PortfolioModel, 'bgNbd' | 'gammaGamma' | 'confidence' | 'reasons' | 'clients' | 'repeaters'>;

/** The fit's summary: each reason as its code (the web words it) and its text (`textOf`: the CLI's). */
export function predictionModelJson(m: ModelFigures, textOf: (r: DomainReason) => string): PredictionModel {
  return {
    bgNbd: m.bgNbd,
    gammaGamma: m.gammaGamma,
    confidence: m.confidence,
    clients: m.clients,
    repeaters: m.repeaters,
    reasons: m.reasons.map((r) => ({ ...r, text: textOf(r) })),
  };
}
