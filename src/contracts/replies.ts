/**
 * Replies read from the DJ's mailbox as they travel (issue 16): the IMAP settings in and out
 * (`GET|PUT|DELETE /api/imap-settings`, `POST /api/imap-settings/test`), the watcher's state, a
 * client's replies (`GET /api/clients/:id/replies`, `POST /api/replies/:id/undo`) and one pass of
 * `djbooker replies --check --json`. Server, CLI and web import it from here; no server or
 * database import, so that the web can too.
 */
import { z } from 'zod';
import { IMAP_FAILURE_KINDS } from '../domain/replies';
import type { Vars } from './messages/fill';
import type { MessageKey } from './messages/fr';

/** A name or an address, as for the SMTP settings. */
const host = z
  .string()
  .trim()
  .min(1, 'input.imapHost')
  .max(255)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'input.host');

export const imapSettingsInputSchema = z.strictObject({
  host,
  port: z.number().int().min(1).max(65535),
  /** true: implicit TLS (993); false: STARTTLS (143), required except on this machine. */
  secure: z.boolean(),
  username: z.string().trim().min(1, 'input.username').max(255),
  /** Absent: keep the stored password (only while host, port and user stay the same); null or "": remove it. */
  password: z.string().max(1000).nullable().optional(),
  folder: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n*%]+$/, 'input.folder')
    .default('INBOX'),
});
export type ImapSettingsInput = z.input<typeof imapSettingsInputSchema>;
export type ImapSettings = z.output<typeof imapSettingsInputSchema>;

/** Why the mailbox could not be read: a kind the web words, and the technical text beside it. */
export const imapFailureSchema = z.object({ kind: z.enum(IMAP_FAILURE_KINDS), detail: z.string() });
export type ImapFailureJson = z.infer<typeof imapFailureSchema>;

export const watcherStateSchema = z.object({
  lastCheckAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** The last failure, null once a check succeeded. */
  lastError: imapFailureSchema.nullable(),
  failures: z.number().int(),
});

export const imapSettingsSchema = z.object({
  configured: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string(),
  /** Whether a password is stored; the password itself never leaves the server. */
  hasPassword: z.boolean(),
  folder: z.string(),
  state: watcherStateSchema,
});
export type ImapSettingsView = z.infer<typeof imapSettingsSchema>;

export const imapTestResultSchema = z.union([
  z.object({ ok: z.literal(true), folder: z.string(), messages: z.number().int() }),
  z.object({ ok: z.literal(false), error: imapFailureSchema }),
]);
export type ImapTestResult = z.infer<typeof imapTestResultSchema>;

export const replyKindSchema = z.enum(['reply', 'auto_reply', 'bounce']);
export const replyCertaintySchema = z.enum(['certain', 'probable']);

export const replyRecordSchema = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  followUpId: z.number().int().nullable(),
  kind: replyKindSchema,
  certainty: replyCertaintySchema,
  reason: z.string(),
  receivedDate: z.string(),
  from: z.string(),
  subject: z.string(),
  excerpt: z.string(),
  /** It set its follow-up's outcome to "answered". */
  applied: z.boolean(),
  undone: z.boolean(),
});
export type ReplyRecord = z.infer<typeof replyRecordSchema>;

export const replyListSchema = z.object({ replies: z.array(replyRecordSchema) });

export const replyIdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });

export const checkResultSchema = z.object({
  workspace: z.string(),
  folder: z.string(),
  /** Messages read in this pass (new since the last UID seen). */
  read: z.number().int(),
  /** The folder's UIDVALIDITY changed: it was read again from the start. */
  uidValidityChanged: z.boolean(),
  matched: z.array(
    z.object({
      uid: z.number().int(),
      kind: replyKindSchema,
      certainty: replyCertaintySchema,
      reason: z.string(),
      clientId: z.number().int(),
      followUpId: z.number().int().nullable(),
      subject: z.string(),
      /** "answered" was set on the follow-up by this message. */
      applied: z.boolean(),
    }),
  ),
  /** Messages that concern no follow-up (strangers, auto-replies and bounces of nobody known). */
  ignored: z.number().int(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** A mailbox failure in words (the CLI's and the API's messages, the web's state): the kind's sentence, then the technical text. */
export function imapFailureText(f: ImapFailureJson, t: (key: MessageKey, vars?: Vars) => string): string {
  const words = t(`inbox.failure.${f.kind}`);
  return f.detail === '' ? words : t('inbox.failure.detail', { words, detail: f.detail });
}
