/** The workspace's SMTP settings: the password goes in, never comes back (only `hasPassword`). */
import { z } from 'zod';
import { noContent, request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { sendErrorKindSchema } from './schemas';

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

export function getMailSettings(): Promise<MailSettings> {
  return request('GET', '/api/mail-settings', mailSettingsSchema);
}

export function useMailSettings() {
  return useQuery(keys.mailSettings, getMailSettings);
}

export interface MailSettingsInput {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  /** Absent: keep the stored one; null: remove it. */
  password?: string | null;
  fromName: string;
  fromAddress: string;
}

export async function saveMailSettings(input: MailSettingsInput): Promise<MailSettings> {
  const settings = await request('PUT', '/api/mail-settings', mailSettingsSchema, { json: input });
  invalidate(keys.mailSettings);
  return settings;
}

/** « Supprimer les réglages d'envoi »: back to no SMTP server (copy, mailto and .eml still work). */
export async function deleteMailSettings(): Promise<true> {
  await request('DELETE', '/api/mail-settings', noContent);
  invalidate(keys.mailSettings);
  return true;
}

const testSchema = z.union([
  z.object({ ok: z.literal(true), to: z.string(), response: z.string() }),
  z.object({ ok: z.literal(false), to: z.string(), error: z.string(), errorKind: sendErrorKindSchema }),
]);
export type MailTestResult = z.infer<typeof testSchema>;

/** « Envoyer un test »: to the sender's address unless another is given. */
export function testMailSettings(to?: string): Promise<MailTestResult> {
  return request('POST', '/api/mail-settings/test', testSchema, { json: to ? { to } : {} });
}
