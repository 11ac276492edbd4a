/**
 * The guide's cadence: "max 1 relance/mois", "rappel doux tous les 2 mois". Pure: the
 * follow-ups already made and the reference date come in.
 */
import { addDays, daysBetween, type IsoDate } from '../dates';
import type { ClientStatus } from '../segments';

export const CADENCE = {
  /** A client followed up less than this many days ago is not offered again. */
  minDaysBetween: 30,
  /** A dormant client's next gentle reminder comes this many days after the last contact. */
  gentleReminderDays: 60,
  /** A gig booked within this many days after a follow-up counts as obtained by it. */
  bookingWindowDays: 90,
} as const;

export type FollowUpChannel = 'email_sent' | 'copied' | 'mailto' | 'eml' | 'phone' | 'other';
export const FOLLOW_UP_CHANNELS: readonly FollowUpChannel[] = ['email_sent', 'copied', 'mailto', 'eml', 'phone', 'other'];

/**
 * `queued`: in the outbox, not yet answered by the mail server. `to_confirm`: copied, opened in
 * the mail program or downloaded, until the user says it went out. `uncertain`: handed to the
 * mail server by a process that died before the answer was recorded.
 */
export const FOLLOW_UP_STATUSES = ['queued', 'sent', 'to_confirm', 'uncertain', 'failed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export type FollowUpOutcome = 'none' | 'no_answer' | 'answered' | 'booking' | 'declined';
export const FOLLOW_UP_OUTCOMES: readonly FollowUpOutcome[] = ['none', 'no_answer', 'answered', 'booking', 'declined'];

/** The status a follow-up starts with on each channel: only the app's own sending knows it went out. */
export function initialStatus(channel: FollowUpChannel): FollowUpStatus {
  switch (channel) {
    case 'email_sent':
      return 'queued';
    case 'copied':
    case 'mailto':
    case 'eml':
      return 'to_confirm';
    case 'phone':
    case 'other':
      return 'sent';
  }
}

/**
 * Whether a follow-up counts as a contact for the cadence: only one that went out. An unconfirmed
 * copy does not, a failed e-mail neither, and one still in the outbox (queued, retrying,
 * uncertain) is not a follow-up yet: it holds the client back through `inOutbox` instead, without
 * being shown as the last follow-up nor starting the 30 days.
 */
export function countsAsContact(status: FollowUpStatus): boolean {
  return status === 'sent';
}

export interface CadenceInput {
  asOf: IsoDate;
  status: ClientStatus;
  followUps: readonly { date: IsoDate; status: FollowUpStatus }[];
  optedOut: boolean;
  /** The client's next confirmed gig on or after asOf, if any. */
  nextConfirmedGig: IsoDate | null;
  /** A message to the client waits in the outbox (queued, retrying, uncertain): no second one. */
  inOutbox?: boolean;
}

/** `in_outbox` and `opted_out` hold whatever the user confirms; `recent_follow_up` may be forced. */
export const CADENCE_BLOCKS = ['opted_out', 'in_outbox', 'recent_follow_up'] as const;
export type CadenceBlock = (typeof CADENCE_BLOCKS)[number];

export interface Cadence {
  lastContact: IsoDate | null;
  /** The first day a new follow-up needs no confirmation (null: no follow-up yet, any day). */
  allowedFrom: IsoDate | null;
  /** Why a follow-up is refused now: opted out (always), or too recent (unless forced). */
  blocked: CadenceBlock | null;
  /** Dormant clients: the day of the next gentle reminder (60 days after the last contact). */
  nextGentleReminder: IsoDate | null;
  /** Whether the lists offer the client for a follow-up today. */
  proposed: boolean;
  /** Why it is not offered, in the order that matters. */
  notProposedBecause: CadenceBlock | 'booked' | 'gentle_reminder_later' | null;
}

export function cadenceOf(input: CadenceInput): Cadence {
  const contacts = input.followUps
    .filter((f) => countsAsContact(f.status))
    .map((f) => f.date)
    .sort();
  const lastContact = contacts.length > 0 ? (contacts[contacts.length - 1] ?? null) : null;
  const allowedFrom = lastContact === null ? null : addDays(lastContact, CADENCE.minDaysBetween);
  // A follow-up dated after asOf (a reference date moved back) is as recent as can be.
  const recent = lastContact !== null && daysBetween(lastContact, input.asOf) < CADENCE.minDaysBetween;
  const blocked: CadenceBlock | null = input.optedOut
    ? 'opted_out'
    : input.inOutbox === true
      ? 'in_outbox'
      : recent
        ? 'recent_follow_up'
        : null;
  const nextGentleReminder =
    input.status === 'dormant' ? (lastContact === null ? input.asOf : addDays(lastContact, CADENCE.gentleReminderDays)) : null;
  const notProposedBecause =
    blocked ??
    (input.nextConfirmedGig !== null
      ? 'booked'
      : nextGentleReminder !== null && nextGentleReminder > input.asOf
        ? 'gentle_reminder_later'
        : null);
  return { lastContact, allowedFrom, blocked, nextGentleReminder, proposed: notProposedBecause === null, notProposedBecause };
}
