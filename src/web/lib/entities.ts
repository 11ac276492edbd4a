/**
 * The shapes the API returns for its entities (docs/api.md), shared by the features that show them.
 * Optional text is `nullish`: the server may leave an empty field out or send null.
 */
import { z } from 'zod';

export const clientStatusSchema = z.enum(['active', 'dormant', 'lapsed', 'prospect']);
export type ClientStatus = z.infer<typeof clientStatusSchema>;

export const vipReasonSchema = z.enum(['gigs', 'revenue', 'activeGigs']);
export type VipReason = z.infer<typeof vipReasonSchema>;

export const gigStatusSchema = z.enum(['done', 'confirmed', 'option', 'cancelled']);
export type GigStatus = z.infer<typeof gigStatusSchema>;

export const priorityTermSchema = z.object({
  term: z.enum(['vip', 'gigs', 'revenue', 'recency']),
  value: z.number(),
  points: z.number(),
  max: z.number(),
});
export type PriorityTerm = z.infer<typeof priorityTermSchema>;

export const clientSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: clientStatusSchema,
  vip: z.boolean(),
  vipReasons: z.array(vipReasonSchema),
  gigs: z.number(),
  revenue: z.number(),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
  daysInactive: z.number().nullable(),
  priceMin: z.number().nullable(),
  priceMax: z.number().nullable(),
  priority: z.number().nullable(),
  priorityTerms: z.array(priorityTermSchema),
  potential: z.number().nullable(),
  potentialTerms: z.object({ averagePrice: z.number(), gigsPerYear: z.number(), spanDays: z.number() }).nullable(),
  contact: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  city: z.string().nullish(),
  category: z.string().nullish(),
  upcoming: z.object({ date: z.string(), status: gigStatusSchema }).nullable(),
});
export type Client = z.infer<typeof clientSchema>;

export const gigSchema = z.object({
  id: z.number(),
  date: z.string(),
  amount: z.number(),
  status: gigStatusSchema,
  type: z.string().nullish(),
  venue: z.string().nullish(),
  city: z.string().nullish(),
  durationMinutes: z.number().nullish(),
  notes: z.string().nullish(),
  reference: z.string().nullish(),
});
export type Gig = z.infer<typeof gigSchema>;

export const clientGigSchema = gigSchema.extend({ clientId: z.number(), clientName: z.string() });
export type ClientGig = z.infer<typeof clientGigSchema>;

export const noteSchema = z.object({ id: z.number(), text: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type Note = z.infer<typeof noteSchema>;

/** The guide's thresholds as the API gives them (revenue in euros). */
export const thresholdsSchema = z.object({
  activeDays: z.number(),
  lapsedDays: z.number(),
  vipMinGigs: z.number(),
  vipMinRevenue: z.number(),
  vipActiveMinGigs: z.number(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** A client's forecast (GET /api/predictions, and the client page's `prediction`). */
export const confidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof confidenceSchema>;

export const predictionSchema = z.object({
  id: z.number(),
  name: z.string(),
  pAlive: z.number().nullable(),
  expectedGigs: z.number().nullable(),
  expectedGigAmount: z.number(),
  spendBasis: z.enum(['client', 'population', 'portfolio']),
  expectedRevenue: z.number(),
  revenueIfWonBack: z.number(),
  basis: z.enum(['model', 'history']),
  confidence: confidenceSchema,
  seasonal: z
    .object({
      nextDate: z.string(),
      followUpFrom: z.string(),
      followUpTo: z.string(),
      followUpDue: z.boolean(),
      dates: z.array(z.string()),
      explanation: z.string(),
    })
    .nullable(),
  explanation: z.string(),
});
export type Prediction = z.infer<typeof predictionSchema>;

/** Why the fit's confidence is not high: a code the messages word, naming the fit it is about. */
export const predictionReasonSchema = z.object({
  code: z.string(),
  fit: z.enum(['frequency', 'spend']),
  count: z.number().optional(),
  threshold: z.number().optional(),
});
export type PredictionReason = z.infer<typeof predictionReasonSchema>;

export const predictionModelSchema = z.object({
  confidence: confidenceSchema,
  reasons: z.array(predictionReasonSchema),
  clients: z.number(),
  repeaters: z.number(),
});
export type PredictionModel = z.infer<typeof predictionModelSchema>;
