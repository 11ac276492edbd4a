/**
 * Follow-ups as they travel (docs/api.md « Follow-ups »; CLI `djbooker followups --json`): the
 * generator's draft and cadence, the record of a follow-up, the templates, and the bodies that
 * record one by any channel but the outbox (outbox.ts).
 */
import { z } from 'zod';
import {
  CADENCE_BLOCKS,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UP_STATUSES,
  type FollowUpChannel,
} from '../domain/follow-ups/cadence';
import { centsToEuros } from '../domain/money';
import { SEND_ERROR_KINDS, sendErrorKind } from '../domain/follow-ups/send-errors';
import { PLACEHOLDER_NAMES, TEMPLATE_KEYS, TEMPLATE_PROBLEM_CODES } from '../domain/follow-ups/templates';
import { asOfQuery, enumOf, id, isoDate, pageQuery } from './common';
import { clientStatusSchema } from './clients';

export const templateKeySchema = enumOf(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof templateKeySchema>;

export const followUpChannelSchema = enumOf(FOLLOW_UP_CHANNELS);
/** The channels recorded by POST /api/follow-ups: every one but the app's own sending (the outbox). */
export const OUTSIDE_APP_CHANNELS = FOLLOW_UP_CHANNELS.filter((c): c is Exclude<FollowUpChannel, 'email_sent'> => c !== 'email_sent');
export const recordedChannelSchema = enumOf(OUTSIDE_APP_CHANNELS);
export const followUpStatusSchema = enumOf(FOLLOW_UP_STATUSES);
export const followUpOutcomeSchema = enumOf(FOLLOW_UP_OUTCOMES);
export type FollowUpOutcome = z.infer<typeof followUpOutcomeSchema>;
export const cadenceBlockSchema = enumOf(CADENCE_BLOCKS);
/** Why an e-mail did not go (docs/api.md, « errorKind »): the interface words it. */
export const sendErrorKindSchema = enumOf(SEND_ERROR_KINDS);
export type SendErrorKind = z.infer<typeof sendErrorKindSchema>;

export const cadenceSchema = z.object({
  lastContact: z.string().nullable(),
  allowedFrom: z.string().nullable(),
  blocked: cadenceBlockSchema.nullable(),
  nextGentleReminder: z.string().nullable(),
  proposed: z.boolean(),
  notProposedBecause: z.union([cadenceBlockSchema, z.enum(['booked', 'gentle_reminder_later'])]).nullable(),
  optedOut: z.boolean(),
  nextConfirmedGig: z.boolean(),
  toConfirm: z.number(),
  lastToConfirm: z.string().nullable(),
  /** A bounce said the address does not receive mail (that day), until the address changes. */
  emailFailingSince: z.string().nullable(),
});
export type Cadence = z.infer<typeof cadenceSchema>;
export const cadenceResponseSchema = z.object({ cadence: cadenceSchema });

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
  }),
  suggestedTemplate: templateKeySchema,
  template: templateKeySchema,
  subject: z.string(),
  body: z.string(),
  mailto: z.string(),
  cadence: cadenceSchema,
});
export type Draft = z.infer<typeof draftSchema>;

/** A draft as the generator makes it: the client's revenue in cents (figures of the domain). */
export type DraftFigures = Omit<Draft, 'client'> & { client: Omit<Draft['client'], 'revenue'> & { revenueCents: number } };

/** The public JSON of a draft (HTTP API): revenue in euros. */
export function draftJson(d: DraftFigures): Draft {
  const { revenueCents, ...client } = d.client;
  return {
    asOf: d.asOf,
    today: d.today,
    client: { ...client, revenue: centsToEuros(revenueCents) },
    suggestedTemplate: d.suggestedTemplate,
    template: d.template,
    subject: d.subject,
    body: d.body,
    mailto: d.mailto,
    cadence: d.cadence,
  };
}

export const draftQuerySchema = asOfQuery.extend({ template: templateKeySchema.optional() });

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
  /** The mail server's own text. */
  error: z.string().nullable(),
  errorKind: sendErrorKindSchema.nullable(),
  outcome: followUpOutcomeSchema,
  outcomeDate: z.string().nullable(),
  outcomeAuto: z.boolean(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const followUpResponseSchema = z.object({ followUp: followUpSchema });

/** A follow-up as the application holds it: its client's name, and who set its outcome (1: a gig booked). */
export type FollowUpFigures = Omit<FollowUp, 'client' | 'errorKind' | 'outcomeAuto'> & { clientName: string; outcomeAuto: number };

/** A follow-up as the API shows it (and, through followUpSummarySchema, the CLI). */
export function followUpJson(f: FollowUpFigures): FollowUp {
  return {
    id: f.id,
    clientId: f.clientId,
    client: f.clientName,
    date: f.date,
    channel: f.channel,
    template: f.template,
    subject: f.subject,
    body: f.body,
    status: f.status,
    error: f.error,
    errorKind: sendErrorKind(f.error),
    outcome: f.outcome,
    outcomeDate: f.outcomeDate,
    outcomeAuto: f.outcomeAuto === 1,
    createdAt: f.createdAt,
  };
}

/** CLI `djbooker followups --json`: the record without the text's body and the send error. */
export const followUpSummarySchema = followUpSchema.pick({
  id: true,
  client: true,
  date: true,
  channel: true,
  template: true,
  subject: true,
  status: true,
  outcome: true,
  outcomeDate: true,
});
export type FollowUpSummaryJson = z.infer<typeof followUpSummarySchema>;

export const followUpListQuerySchema = z.object({
  clientId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  ...pageQuery(1000, 200),
});
export const followUpListSchema = z.object({ total: z.number(), followUps: z.array(followUpSchema) });
export type FollowUpList = z.infer<typeof followUpListSchema>;

/** The text of a message as the user leaves it in the generator, by whichever channel it goes. */
export const messageTextSchema = z.strictObject({
  clientId: id,
  subject: z.string().trim().min(1, 'input.subject').max(300),
  body: z.string().min(1, 'input.body').max(50_000),
  template: templateKeySchema.nullable().optional(),
});

/** A message taken out of the app (copied, mailto, .eml) or a call: `force` past the 30 days. */
export const followUpInputSchema = messageTextSchema.extend({
  force: z.boolean().optional(),
  /** The follow-up this generator already recorded: Copier, then the mail program, then .eml is one follow-up. */
  followUpId: id.optional(),
});
export type FollowUpInput = z.output<typeof followUpInputSchema>;
export type MessageInput = z.input<typeof followUpInputSchema>;

/** `POST /api/follow-ups`. */
export const recordFollowUpSchema = followUpInputSchema.extend({ channel: recordedChannelSchema });
export type RecordFollowUpInput = z.output<typeof recordFollowUpSchema>;
/** `POST /api/follow-ups/eml`, and each message of `POST /api/follow-ups/eml-batch`. */
export const emlBatchSchema = z.strictObject({ messages: z.array(followUpInputSchema).min(1).max(500) });

export const confirmManySchema = z.strictObject({ ids: z.array(id).min(1).max(500) });
export const confirmedSchema = z.object({ confirmed: z.array(z.number()) });

export const outcomeInputSchema = z.strictObject({
  outcome: followUpOutcomeSchema,
  date: isoDate.nullable().optional(),
});
export type OutcomeInput = z.output<typeof outcomeInputSchema>;

export const doNotContactSchema = z.strictObject({ value: z.boolean() });
export const doNotContactResultSchema = z.object({ clientId: z.number(), doNotContact: z.boolean() });
export type DoNotContactResult = z.infer<typeof doNotContactResultSchema>;

/** At most a batch's worth (POST /api/follow-ups/batch takes 500 messages). */
export const vipBatchQuerySchema = asOfQuery.extend(pageQuery(500, 100));
export const vipBatchSchema = z.object({ asOf: z.string(), total: z.number(), candidates: z.array(draftSchema) });
export type VipBatch = z.infer<typeof vipBatchSchema>;

// ---- Templates

const messageText = z.object({ subject: z.string(), body: z.string() });
export const templateSchema = messageText.extend({ key: templateKeySchema, custom: z.boolean(), defaults: messageText });
export type Template = z.infer<typeof templateSchema>;
export const templateListSchema = z.object({
  templates: z.array(templateSchema),
  /** Worded by the web: `templates.placeholder.<name>`. */
  placeholders: z.array(z.enum(PLACEHOLDER_NAMES)),
});
export type TemplateList = z.infer<typeof templateListSchema>;
export const templateResponseSchema = z.object({ template: templateSchema });

/** A template's problem, as a code (`templates.problem.<code>`, src/contracts/template-words.ts). */
export const templateProblemSchema = z.object({
  field: z.enum(['subject', 'body']),
  index: z.number(),
  token: z.string(),
  code: enumOf(TEMPLATE_PROBLEM_CODES),
  limit: z.number().optional(),
});
export type TemplateProblem = z.infer<typeof templateProblemSchema>;

export const templateParamsSchema = z.strictObject({ key: z.string().min(1).max(50) });
const templateText = {
  subject: z.string().min(1, 'input.subject').max(300),
  body: z.string().min(1, 'input.body').max(50_000),
};
export const templateInputSchema = z.strictObject(templateText);
export const templatePreviewInputSchema = z.strictObject({ ...templateText, clientId: id.optional(), asOf: isoDate.optional() });
export const templatePreviewSchema = z.object({ problems: z.array(templateProblemSchema), rendered: messageText.nullable() });
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;

export { FOLLOW_UP_OUTCOMES } from '../domain/follow-ups/cadence';
export { TEMPLATE_KEYS } from '../domain/follow-ups/templates';
