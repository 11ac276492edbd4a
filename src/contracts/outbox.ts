/**
 * Sending through the outbox (docs/api.md « Follow-ups »: send, batch, outbox): the bodies, the
 * per-message results, and the outbox's messages and counts.
 */
import { z } from 'zod';
import { CADENCE_BLOCKS } from '../domain/follow-ups/cadence';
import { OUTBOX_STATES } from '../domain/follow-ups/outbox-states';
import { enumOf } from './common';
import { messageTextSchema, sendErrorKindSchema } from './follow-ups';

export const outboxStateSchema = enumOf(OUTBOX_STATES);
export type OutboxState = z.infer<typeof outboxStateSchema>;

/** The outbox's page size (`GET /api/outbox/messages?limit=`). */
export const OUTBOX_PAGE_LIMIT = 200;

export const outboxMessageSchema = z.object({
  id: z.number(),
  clientId: z.number(),
  client: z.string(),
  to: z.string(),
  subject: z.string(),
  state: outboxStateSchema,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  /** The mail server's own text. */
  error: z.string().nullable(),
  errorKind: sendErrorKindSchema.nullable(),
  sentAt: z.string().nullable(),
  followUpId: z.number().nullable(),
  /** First put in the queue; a retry keeps it. */
  queuedAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxMessageResponseSchema = z.object({ message: outboxMessageSchema });

/** One e-mail for the outbox: the same key never enqueues twice (by default: client, text and day). */
export const emailMessageSchema = messageTextSchema.extend({ idempotencyKey: z.string().min(8).max(200).optional() });
export type EmailMessageInput = z.output<typeof emailMessageSchema>;

/** "Envoyer": the key is the UI's, one per opened generator, so that a double click sends once. */
export const sendInputSchema = emailMessageSchema.extend({ idempotencyKey: z.string().min(8).max(200), force: z.boolean().optional() });
export type SendInput = z.output<typeof sendInputSchema>;

/** `POST /api/follow-ups/batch`. */
export const batchInputSchema = z.strictObject({
  messages: z.array(emailMessageSchema).min(1).max(500),
  /** The UI's id of this batch (one per opened list): sending it twice enqueues nothing new. */
  batchId: z.string().regex(/^[\w-]{1,100}$/, 'identifiant de lot invalide (lettres, chiffres, - et _)'),
  /** Send even to clients followed up less than 30 days ago (never to an opted-out one). */
  force: z.boolean().optional(),
});
export type BatchInput = z.input<typeof batchInputSchema>;

export const refusalReasonSchema = z.union([enumOf(CADENCE_BLOCKS), z.enum(['no_email', 'not_found', 'invalid'])]);
export type RefusalReason = z.infer<typeof refusalReasonSchema>;

/** Why one message was refused; `message` is still French built on the server. */
export const refusalText = z.string();

export const enqueueResultSchema = z.discriminatedUnion('result', [
  z.object({ clientId: z.number(), result: z.literal('queued'), outboxId: z.number(), followUpId: z.number() }),
  z.object({
    clientId: z.number(),
    result: z.literal('duplicate'),
    outboxId: z.number(),
    followUpId: z.number().nullable(),
    state: outboxStateSchema,
  }),
  z.object({
    clientId: z.number(),
    result: z.literal('refused'),
    reason: refusalReasonSchema,
    message: refusalText,
    /** A too recent follow-up: the last contact and from when a new one is allowed. */
    lastContact: z.string().nullable().optional(),
    allowedFrom: z.string().nullable().optional(),
  }),
]);
export type EnqueueResult = z.infer<typeof enqueueResultSchema>;
export const batchResultSchema = z.object({ batchId: z.string(), results: z.array(enqueueResultSchema) });
export type BatchResult = z.infer<typeof batchResultSchema>;

export const sendResultSchema = z.object({
  result: z.enum(['queued', 'duplicate']),
  followUpId: z.number().nullable(),
  message: outboxMessageSchema.nullable(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

const countsByState = z.record(outboxStateSchema, z.number());

export const outboxQuerySchema = z.object({ batchId: z.string().min(1).max(100).optional() });
export const outboxProgressSchema = z.object({
  total: z.number(),
  counts: countsByState,
  /** Nothing left to send or decide. */
  done: z.boolean(),
  messages: z.array(outboxMessageSchema),
});
export type OutboxProgress = z.infer<typeof outboxProgressSchema>;

export const outboxPageQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(OUTBOX_PAGE_LIMIT).default(OUTBOX_PAGE_LIMIT) });
export const outboxListingSchema = z.object({
  counts: countsByState,
  attention: z.object({ pending: z.number(), failedRecently: z.number() }),
  messages: z.array(outboxMessageSchema),
});
export type OutboxListing = z.infer<typeof outboxListingSchema>;

export const resolveInputSchema = z.strictObject({ decision: z.enum(['resend', 'mark_sent']) });
