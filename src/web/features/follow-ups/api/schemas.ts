/** The follow-up shapes of docs/api.md (« Follow-ups »), shared by this feature's calls. */
import { z } from 'zod';
import { clientStatusSchema } from '../../../lib/entities';

export const templateKeySchema = z.enum(['vipLapsed', 'standard', 'gentleReminder', 'loyalty']);
export type TemplateKey = z.infer<typeof templateKeySchema>;
export const TEMPLATE_KEYS = templateKeySchema.options;

export const cadenceSchema = z.object({
  lastContact: z.string().nullable(),
  allowedFrom: z.string().nullable(),
  blocked: z.enum(['opted_out', 'in_outbox', 'recent_follow_up']).nullable(),
  nextGentleReminder: z.string().nullable(),
  proposed: z.boolean(),
  notProposedBecause: z.enum(['opted_out', 'in_outbox', 'recent_follow_up', 'booked', 'gentle_reminder_later']).nullable(),
  optedOut: z.boolean(),
  nextConfirmedGig: z.boolean(),
  toConfirm: z.number(),
  lastToConfirm: z.string().nullable(),
});
export type Cadence = z.infer<typeof cadenceSchema>;

export const draftSchema = z.object({
  asOf: z.string(),
  today: z.string(),
  client: z.object({
    clientId: z.number(),
    name: z.string(),
    contact: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    status: clientStatusSchema,
    vip: z.boolean(),
    gigs: z.number(),
    revenue: z.number(),
    lastDate: z.string().nullable(),
    daysInactive: z.number().nullable(),
    timeSince: z.string().nullable(),
  }),
  suggestedTemplate: templateKeySchema,
  template: templateKeySchema,
  subject: z.string(),
  body: z.string(),
  mailto: z.string(),
  cadence: cadenceSchema,
});
export type Draft = z.infer<typeof draftSchema>;

/** Why an e-mail did not go (docs/api.md, « errorKind »): the interface words it. */
export const sendErrorKindSchema = z.enum([
  'host_not_found', 'connection_refused', 'timeout', 'auth', 'tls', 'recipient_refused', 'sender_refused', 'try_later',
  'opted_out', 'cancelled', 'interrupted', 'no_settings', 'other',
]);
export type SendErrorKind = z.infer<typeof sendErrorKindSchema>;

export const followUpChannelSchema = z.enum(['email_sent', 'copied', 'mailto', 'eml', 'phone', 'other']);
export type FollowUpChannel = z.infer<typeof followUpChannelSchema>;
export const followUpStatusSchema = z.enum(['queued', 'sent', 'to_confirm', 'uncertain', 'failed']);
export const followUpOutcomeSchema = z.enum(['none', 'no_answer', 'answered', 'booking', 'declined']);
export type FollowUpOutcome = z.infer<typeof followUpOutcomeSchema>;
export const FOLLOW_UP_OUTCOMES = followUpOutcomeSchema.options;

export const followUpSchema = z.object({
  id: z.number(),
  clientId: z.number(),
  client: z.string(),
  date: z.string(),
  channel: followUpChannelSchema,
  template: templateKeySchema.nullable(),
  subject: z.string(),
  body: z.string(),
  status: followUpStatusSchema,
  error: z.string().nullable(),
  errorKind: sendErrorKindSchema.nullable(),
  outcome: followUpOutcomeSchema,
  outcomeDate: z.string().nullable(),
  outcomeAuto: z.boolean(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const outboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxMessageSchema = z.object({
  id: z.number(),
  clientId: z.number(),
  client: z.string(),
  to: z.string(),
  subject: z.string(),
  state: outboxStateSchema,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  error: z.string().nullable(),
  errorKind: sendErrorKindSchema.nullable(),
  sentAt: z.string().nullable(),
  followUpId: z.number().nullable(),
  /** First put in the queue; a retry keeps it. */
  queuedAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** The text of a message as the user leaves it in the generator. */
export interface MessageInput {
  clientId: number;
  subject: string;
  body: string;
  template?: TemplateKey;
  force?: boolean;
  /** The follow-up this generator recorded first: the next ways out update it. */
  followUpId?: number;
}
