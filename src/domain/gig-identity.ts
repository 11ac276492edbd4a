import type { IsoDate } from './dates';
import type { Cents } from './money';
import { nameKey } from './names';

/**
 * What makes two rows the same gig across imports: its reference when the file has one,
 * otherwise its client, date, amount and type (names compared through their normalised key).
 */
export function gigIdentity(gig: {
  reference?: string | null;
  clientName: string;
  date: IsoDate;
  amountCents: Cents;
  type?: string | null;
}): string {
  const reference = gig.reference?.trim();
  if (reference) return `ref:${reference}`;
  return ['gig', nameKey(gig.clientName), gig.date, String(gig.amountCents), nameKey(gig.type ?? '')].join('|');
}
