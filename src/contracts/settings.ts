/** The workspace's settings (docs/api.md « Settings ») and its sending set-up (« Follow-ups », mail settings). */
import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';
import { isoDate } from './common';
import { sendErrorKindSchema } from './follow-ups';

export const LANGUAGES = ['fr', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);

/** The guide's thresholds as the API gives them (revenue in euros). */
export const thresholdsSchema = z.object({
  activeDays: z.number(),
  lapsedDays: z.number(),
  vipMinGigs: z.number(),
  vipMinRevenue: z.number(),
  vipActiveMinGigs: z.number(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const settingsSchema = z.object({
  referenceDate: z.string().nullable(),
  timeZone: z.string(),
  thresholds: thresholdsSchema,
  defaults: thresholdsSchema,
  djName: z.string(),
  signature: z.string(),
  language: languageSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** `PUT /api/settings`: the view's shape, every field optional. */
export const settingsUpdateSchema = z.strictObject({
  referenceDate: isoDate.nullable().optional(),
  timeZone: z.string().refine(isValidTimeZone, 'input.timeZone').optional(),
  thresholds: z
    .strictObject({
      activeDays: z.number().int().min(1).max(3650),
      lapsedDays: z.number().int().min(1).max(3650),
      vipMinGigs: z.number().int().min(1).max(100_000),
      vipMinRevenue: z.number().min(0).max(1e9),
      vipActiveMinGigs: z.number().int().min(1).max(100_000),
    })
    .partial()
    .optional(),
  djName: z.string().trim().max(200).optional(),
  signature: z.string().max(2000).optional(),
  language: languageSchema.optional(),
});
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/**
 * A workspace's settings as stored (src/db/workspaces.ts reads and writes them) and as a workspace
 * file carries them: every field optional, defaults from the guide.
 */
export const workspaceSettingsSchema = z.object({
  thresholds: z
    .object({
      activeDays: z.number().int().min(1).max(3650),
      lapsedDays: z.number().int().min(1).max(3650),
      vipMinGigs: z.number().int().min(1),
      vipMinRevenueCents: z.number().int().min(0),
      vipActiveMinGigs: z.number().int().min(1),
    })
    .partial()
    .refine((t) => t.activeDays === undefined || t.lapsedDays === undefined || t.activeDays <= t.lapsedDays, {
      message: 'activeDays must not exceed lapsedDays',
    })
    .optional(),
  djName: z.string().max(200).optional(),
  signature: z.string().max(2000).optional(),
  language: languageSchema.optional(),
  /** The weekly alert (app/weekly-alert.ts): on while it has an address, since `since` (an ISO instant). */
  weeklyAlert: z
    .object({
      address: z.email().max(254).nullable(),
      day: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      since: z.iso.datetime().nullable(),
    })
    .optional(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

// ---- Sending set-up (SMTP)

export const mailSettingsInputSchema = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, 'input.smtpHost')
    .max(255)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'input.host'),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  username: z.string().trim().max(255).nullable().optional(),
  /** Absent: keep the stored password (only while host, port and user stay the same); null or "": remove it. */
  password: z.string().max(1000).nullable().optional(),
  fromName: z.string().trim().max(200),
  fromAddress: z.email('input.fromAddress').max(254),
});
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>;

/** The password goes in, never comes back (only `hasPassword`). */
export const mailSettingsSchema = z.object({
  configured: z.boolean(),
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  username: z.string(),
  hasPassword: z.boolean(),
  fromName: z.string(),
  fromAddress: z.string(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const mailTestInputSchema = z.strictObject({ to: z.email().max(254).optional() });
/** The mail server's answer, or its error (still its raw text). */
export const smtpErrorText = z.string();
export const mailTestResultSchema = z.union([
  z.object({ ok: z.literal(true), to: z.string(), response: z.string() }),
  z.object({ ok: z.literal(false), to: z.string(), error: smtpErrorText, errorKind: sendErrorKindSchema }),
]);
export type MailTestResult = z.infer<typeof mailTestResultSchema>;

export const unsubscribeParamsSchema = z.strictObject({ token: z.string().max(200) });
