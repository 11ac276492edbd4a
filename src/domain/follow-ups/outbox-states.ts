/**
 * A message of the outbox: `queued` (also while retrying), `sending` (handed to the mail server),
 * then `sent`, `failed`, `cancelled`, or `uncertain` when the process died before the answer.
 */
export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
