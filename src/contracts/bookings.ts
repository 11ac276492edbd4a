/** Bookings (docs/api.md « Bookings »): new and changed gigs, the gigs of a day, the upcoming ones, the calendar feed. */
import { z } from 'zod';
import { BOOKED_GIG_STATUSES, GIG_STATUSES } from '../domain/gigs';
import { asOfQuery, enumOf, id, isoDate, optionalText } from './common';
import { clientGigSchema, gigSchema } from './clients';

const gigFields = {
  clientId: id,
  date: isoDate,
  amount: z.number().min(0).max(10_000_000),
  /** A new gig may also be recorded as done (a gig forgotten); only a change may cancel one. */
  status: enumOf([...BOOKED_GIG_STATUSES, 'done'] as const),
  type: optionalText(200),
  venue: optionalText(200),
  city: optionalText(200),
  durationMinutes: z.number().int().min(0).max(10_080).nullable().optional(),
  notes: optionalText(5000),
};
/** `POST /api/gigs`. */
export const newGigSchema = z.strictObject(gigFields);
export type NewGigInput = z.input<typeof newGigSchema>;
/** `PATCH /api/gigs/:id`: a booked gig can also be called off after the fact. */
export const gigChangesSchema = z.strictObject({ ...gigFields, status: enumOf(GIG_STATUSES) }).partial();

export const newGigResultSchema = z.object({ gig: gigSchema, sameDay: z.array(clientGigSchema) });
export type NewGigResult = z.infer<typeof newGigResultSchema>;
export const gigResponseSchema = z.object({ gig: gigSchema });

export const dayQuerySchema = z.object({ date: isoDate });
export const upcomingQuerySchema = asOfQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(200) });
/** `GET /api/gigs?date=`, `GET /api/upcoming`. */
export const gigListSchema = z.object({ gigs: z.array(clientGigSchema) });
export type GigList = z.infer<typeof gigListSchema>;

/** `url` from PUBLIC_URL, or null: then only `path`, put after the address the app is open at. */
export const calendarSchema = z.object({ url: z.string().nullable(), path: z.string() });
export type Calendar = z.infer<typeof calendarSchema>;
export const calendarFeedParamsSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
