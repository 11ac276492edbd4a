/**
 * Clients, their gigs and notes as they travel (docs/api.md « Portfolio »; CLI `djbooker clients
 * --json`, `djbooker status --json`): the queries, the bodies, the answers, and the answers made
 * from the domain's figures.
 */
import { z } from 'zod';
import { GIG_STATUSES } from '../domain/gigs';
import { OBJECTIVE_TARGETS } from '../domain/kpis';
import { centsToEuros } from '../domain/money';
import { CLIENT_SORTS, CLIENT_STATUSES, SEGMENT_FILTERS, VIP_REASONS, type ClientSegment } from '../domain/segments';
import { asOfQuery, enumOf, optionalText, pageQuery } from './common';
import { predictionModelSchema, predictionSchema } from './predictions';

/** Lists are paged: a workspace of 20,000 clients is never sent whole. */
export const MAX_PAGE = 1000;

export const clientStatusSchema = enumOf(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof clientStatusSchema>;
export const segmentSchema = enumOf(SEGMENT_FILTERS);
export type Segment = z.infer<typeof segmentSchema>;
export const sortSchema = enumOf(CLIENT_SORTS);
export type ClientSort = z.infer<typeof sortSchema>;
export const vipReasonSchema = enumOf(VIP_REASONS);
export type VipReason = z.infer<typeof vipReasonSchema>;
export const gigStatusSchema = enumOf(GIG_STATUSES);
export type GigStatus = z.infer<typeof gigStatusSchema>;

/** `GET /api/clients` and `GET /api/predictions` (same filters, order and limits); CLI `clients`. */
export const clientsQuerySchema = asOfQuery.extend({
  segment: segmentSchema.optional(),
  sort: sortSchema.default('name'),
  q: z.string().trim().max(200).optional(),
  ...pageQuery(MAX_PAGE, 100),
});
/** What a caller may ask (every field has a default or may be left out). */
export type ClientsQuery = Partial<z.output<typeof clientsQuerySchema>>;

export const priorityTermSchema = z.object({
  term: z.enum(['vip', 'gigs', 'revenue', 'recency']),
  value: z.number(),
  points: z.number(),
  max: z.number(),
});
export type PriorityTerm = z.infer<typeof priorityTermSchema>;

/** The CLI's `djbooker clients --json` object: figures in euros, dates ISO. */
export const clientFiguresSchema = z.object({
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
});
export type ClientFiguresJson = z.infer<typeof clientFiguresSchema>;

/** The API's client: the CLI's figures, its contact details and its next booked gig. */
export const clientSchema = clientFiguresSchema.extend({
  contact: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  category: z.string().nullable(),
  upcoming: z.object({ date: z.string(), status: gigStatusSchema }).nullable(),
});
export type Client = z.infer<typeof clientSchema>;

export const gigSchema = z.object({
  id: z.number(),
  date: z.string(),
  amount: z.number(),
  status: gigStatusSchema,
  type: z.string().nullable(),
  venue: z.string().nullable(),
  city: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  notes: z.string().nullable(),
  reference: z.string().nullable(),
});
export type Gig = z.infer<typeof gigSchema>;

export const clientGigSchema = gigSchema.extend({ clientId: z.number(), clientName: z.string() });
export type ClientGig = z.infer<typeof clientGigSchema>;

export const noteSchema = z.object({ id: z.number(), text: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type Note = z.infer<typeof noteSchema>;

const statusCounts = z.object({ active: z.number(), dormant: z.number(), lapsed: z.number(), prospect: z.number() });

/** CLI `djbooker status --json`. */
export const portfolioSummarySchema = z.object({
  asOf: z.string(),
  clients: z.number(),
  gigs: z.number(),
  revenue: z.number(),
  vip: z.number(),
  statuses: statusCounts,
});
export type PortfolioSummaryJson = z.infer<typeof portfolioSummarySchema>;

/** `GET /api/overview`: the CLI's summary, today in the workspace's time zone, the active share. */
export const overviewSchema = portfolioSummarySchema.extend({
  /** When `asOf` differs, the page says so. */
  today: z.string(),
  activeShare: z.object({ active: z.number(), withGigs: z.number(), ratio: z.number().nullable(), objective: z.number() }),
});
export type Overview = z.infer<typeof overviewSchema>;

export const clientListSchema = z.object({ asOf: z.string(), total: z.number(), clients: z.array(clientSchema) });
export type ClientList = z.infer<typeof clientListSchema>;

export const clientDetailSchema = z.object({
  client: clientSchema,
  gigs: z.array(gigSchema),
  totalsByYear: z.array(z.object({ year: z.number(), gigs: z.number(), revenue: z.number() })),
  notes: z.array(noteSchema),
  prediction: predictionSchema.nullable(),
  predictionModel: predictionModelSchema,
});
export type ClientDetail = z.infer<typeof clientDetailSchema>;

export const clientResponseSchema = z.object({ client: clientSchema });

const clientFields = {
  contact: optionalText(200),
  email: z
    .union([z.literal(''), z.email()])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  phone: optionalText(50),
  city: optionalText(200),
  category: optionalText(200),
};
const clientName = z.string().trim().min(1).max(200);
/** `POST /api/clients`. */
export const newClientSchema = z.strictObject({ name: clientName, ...clientFields });
export type NewClientInput = z.input<typeof newClientSchema>;
/** `PATCH /api/clients/:id`. */
export const clientChangesSchema = z.strictObject({ name: clientName.optional(), ...clientFields });
export type ClientChangesInput = z.input<typeof clientChangesSchema>;

/** `POST /api/clients/:id/notes`, `PATCH /api/notes/:id`. */
export const noteInputSchema = z.strictObject({ text: z.string().trim().min(1).max(10_000) });
export const noteResponseSchema = z.object({ note: noteSchema });

// ---- From the domain's figures (cents → euros)

const euros = (cents: number | null) => (cents === null ? null : centsToEuros(cents));

/** A client's figures as the CLI prints them, from its segmentation. */
export function clientFiguresJson(c: { id: number; name: string; segment: ClientSegment }): ClientFiguresJson {
  const s = c.segment;
  return {
    id: c.id,
    name: c.name,
    status: s.status,
    vip: s.vip,
    vipReasons: s.vipReasons,
    gigs: s.stats.gigs,
    revenue: centsToEuros(s.stats.revenueCents),
    firstDate: s.stats.firstDate,
    lastDate: s.stats.lastDate,
    daysInactive: s.daysInactive,
    priceMin: euros(s.stats.priceMinCents),
    priceMax: euros(s.stats.priceMaxCents),
    priority: s.priority,
    priorityTerms: s.priorityTerms.map((t) => (t.term === 'revenue' ? { ...t, value: centsToEuros(t.value) } : t)),
    potential: s.potential ? centsToEuros(s.potential.cents) : null,
    potentialTerms: s.potential
      ? { averagePrice: centsToEuros(s.potential.averagePriceCents), gigsPerYear: s.potential.gigsPerYear, spanDays: s.potential.spanDays }
      : null,
  };
}

type ContactDetails = Pick<Client, 'contact' | 'email' | 'phone' | 'city' | 'category' | 'upcoming'>;

/** The API's client: its figures, contact details and next booked gig. */
export function clientJson(c: { id: number; name: string; segment: ClientSegment } & ContactDetails): Client {
  return {
    ...clientFiguresJson(c),
    contact: c.contact,
    email: c.email,
    phone: c.phone,
    city: c.city,
    category: c.category,
    upcoming: c.upcoming,
  };
}

interface PortfolioFigures {
  asOf: string;
  clients: number;
  gigs: number;
  revenueCents: number;
  vip: number;
  statuses: Record<ClientStatus, number>;
}

export function portfolioSummaryJson(o: PortfolioFigures): PortfolioSummaryJson {
  return { asOf: o.asOf, clients: o.clients, gigs: o.gigs, revenue: centsToEuros(o.revenueCents), vip: o.vip, statuses: o.statuses };
}

/** The guide's objective: active clients above 40 % of those who booked at least once. */
export function overviewJson(o: PortfolioFigures, today: string): Overview {
  const withGigs = o.clients - o.statuses.prospect;
  return {
    ...portfolioSummaryJson(o),
    today,
    activeShare: {
      active: o.statuses.active,
      withGigs,
      ratio: withGigs === 0 ? null : o.statuses.active / withGigs,
      objective: OBJECTIVE_TARGETS.activeShare,
    },
  };
}
