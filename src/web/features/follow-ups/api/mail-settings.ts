/** The workspace's SMTP settings: the password goes in, never comes back (only `hasPassword`). */
import { z } from 'zod';
import {
  mailSettingsInputSchema,
  mailSettingsSchema,
  mailTestResultSchema,
  type MailSettings,
  type MailTestResult,
} from '../../../../contracts/settings';
import { noContent, request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { MailSettings, MailTestResult } from '../../../../contracts/settings';

export function getMailSettings(): Promise<MailSettings> {
  return request('GET', '/api/mail-settings', mailSettingsSchema);
}

export function useMailSettings() {
  return useQuery(keys.mailSettings, getMailSettings);
}

/** Absent `password`: keep the stored one; null: remove it. */
export type MailSettingsInput = z.input<typeof mailSettingsInputSchema>;

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

/** « Envoyer un test »: to the sender's address unless another is given. */
export function testMailSettings(to?: string): Promise<MailTestResult> {
  return request('POST', '/api/mail-settings/test', mailTestResultSchema, { json: to ? { to } : {} });
}
