import { newGigResultSchema, newGigSchema, type NewGigInput, type NewGigResult } from '../../../../contracts/bookings';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';

/** The booking form offers an option, a confirmed gig, or a gig already played (`done`, a past date) (docs/api.md « POST /api/gigs »). */
export type BookingInput = NewGigInput;
export type BookingResult = NewGigResult;

export async function createBooking(input: BookingInput): Promise<BookingResult> {
  const result = await request('POST', '/api/gigs', newGigResultSchema, { json: newGigSchema.parse(input) });
  invalidate(...PORTFOLIO_KEYS);
  return result;
}
