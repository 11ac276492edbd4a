/** What a new booking of a client is likely to be, from its history: its usual type, venue and price. */
export interface BookingSuggestion {
  type: string | null;
  venue: string | null;
  city: string | null;
  amount: number | null;
}

interface PastGig {
  date: string;
  amount: number;
  status: string;
  type?: string | null | undefined;
  venue?: string | null | undefined;
  city?: string | null | undefined;
}

/** The most frequent value; a tie goes to the most recent gig's (gigs come newest first). */
function usual<T>(values: readonly (T | null)[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const v of values) {
    if (v === null) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** null when the client has no gig to learn from (cancelled ones do not count). */
export function suggestBooking(gigs: readonly PastGig[]): BookingSuggestion | null {
  const kept = [...gigs].filter((g) => g.status !== 'cancelled').sort((a, b) => b.date.localeCompare(a.date));
  if (kept.length === 0) return null;
  const venue = usual(kept.map((g) => g.venue?.trim() || null));
  const atVenue = kept.find((g) => (g.venue?.trim() || null) === venue);
  return {
    type: usual(kept.map((g) => g.type?.trim() || null)),
    venue,
    city: atVenue?.city?.trim() || usual(kept.map((g) => g.city?.trim() || null)),
    amount: usual(kept.map((g) => (g.amount > 0 ? g.amount : null))),
  };
}
