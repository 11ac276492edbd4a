import type { GigStatus } from '../gigs.js';
import { wordsKey } from './headers.js';

export type { GigStatus };

/** Status words once accents, case and punctuation are gone; `e?s?` takes French agreement. */
const STATUSES: readonly [GigStatus, RegExp][] = [
  ['done', /^(?:realise|effectue|fait|termine|passe|joue)e?s?$|^(?:done|completed?|played|finished|past)$/],
  ['confirmed', /^(?:confirme|signe|reserve|valide)e?s?$|^(?:confirmed|booked|signed|a venir|prevue?s?)$/],
  ['option', /^(?:option|optionnel|optionnelle|en option|provisoire|tentative|pencil|pencilled|penciled|a confirmer|en attente)$/],
  ['cancelled', /^annulee?s?$|^(?:cancelled|canceled|annulation)$/],
];

/**
 * Reads a gig status; null when it cannot be read. A blank status means the gig took place:
 * a history export without statuses lists realised gigs.
 */
export function parseGigStatus(text: string): GigStatus | null {
  const key = wordsKey(text);
  if (key === '') return 'done';
  return STATUSES.find(([, pattern]) => pattern.test(key))?.[0] ?? null;
}

const HOURS = /^(\d{1,2})(?:[.,](\d+))?(?:h|hrs?|heures?|hours?)?$/;
const HOURS_MINUTES = /^(\d{1,2})(?:h|:)(\d{2})(?:min|mn|m|:00)?$/;
const MINUTES = /^(\d{1,4})(?:min|mn|minutes?)$/;

/** Reads a gig's length into minutes: `4`, `4,5`, `4h`, `4h30`, `04:30`, `240 min`; null when unreadable. */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  const minutes = MINUTES.exec(value);
  if (minutes) return Number(minutes[1]);
  const hm = HOURS_MINUTES.exec(value);
  if (hm) return Number(hm[2]) < 60 ? Number(hm[1]) * 60 + Number(hm[2]) : null;
  const hours = HOURS.exec(value);
  // A fraction of an hour is rounded to the minute (4,33 h → 260 min).
  if (hours) return Number(hours[1]) * 60 + Math.round(Number(`0.${hours[2] ?? '0'}`) * 60);
  return null;
}
