import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { gigSchema } from '../../../lib/entities';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';

export const bookingInputSchema = z.object({
  clientId: z.number(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  amount: z.number().min(0),
  /** `done`: a date already past, a gig already played. */
  status: z.enum(['option', 'confirmed', 'done']),
  type: z.string().trim().optional(),
  venue: z.string().trim().optional(),
  city: z.string().trim().optional(),
  durationMinutes: z.number().int().positive().optional(),
  notes: z.string().trim().optional(),
});
export type BookingInput = z.infer<typeof bookingInputSchema>;

export const bookingResultSchema = z.object({ gig: gigSchema, sameDay: z.array(gigSchema.extend({ clientName: z.string() })) });
export type BookingResult = z.infer<typeof bookingResultSchema>;

export async function createBooking(input: BookingInput): Promise<BookingResult> {
  const result = await request('POST', '/api/gigs', bookingResultSchema, { json: bookingInputSchema.parse(input) });
  invalidate(...PORTFOLIO_KEYS);
  return result;
}
