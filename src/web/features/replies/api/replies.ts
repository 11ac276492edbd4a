/** The mailbox settings ("Boîte de réception") and a client's replies read from it; shapes from src/contracts/replies.ts. */
import {
  imapSettingsSchema,
  imapTestResultSchema,
  replyListSchema,
  replyRecordSchema,
  type ImapSettingsInput,
  type ImapSettingsView,
  type ImapTestResult,
  type ReplyRecord,
} from '../../../../contracts/replies';
import { noContent, request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

const IMAP_SETTINGS = 'imap-settings';
const repliesKey = (clientId: number) => `replies:${clientId}`;

export function useImapSettings() {
  return useQuery(IMAP_SETTINGS, () => request('GET', '/api/imap-settings', imapSettingsSchema));
}

export async function saveImapSettings(input: ImapSettingsInput): Promise<ImapSettingsView> {
  const saved = await request('PUT', '/api/imap-settings', imapSettingsSchema, { json: input });
  invalidate(IMAP_SETTINGS);
  return saved;
}

export async function removeImapSettings(): Promise<void> {
  await request('DELETE', '/api/imap-settings', noContent);
  invalidate(IMAP_SETTINGS);
}

export async function testImapSettings(): Promise<ImapTestResult> {
  const result = await request('POST', '/api/imap-settings/test', imapTestResultSchema, { json: {} });
  invalidate(IMAP_SETTINGS);
  return result;
}

export function useClientReplies(clientId: number) {
  return useQuery(repliesKey(clientId), () => request('GET', `/api/clients/${clientId}/replies`, replyListSchema));
}

/** "Ce n’est pas une réponse": the follow-up gets its previous outcome back, and the figures move. */
export async function undoReply(reply: ReplyRecord): Promise<ReplyRecord> {
  const undone = await request('POST', `/api/replies/${reply.id}/undo`, replyRecordSchema, { json: {} });
  invalidate(repliesKey(reply.clientId), keys.anyFollowUps, keys.anyDashboard);
  return undone;
}

export type { ReplyRecord };
