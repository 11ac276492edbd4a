/**
 * "Télécharger (.eml)": the follow-up as an RFC 5322 message file the DJ opens in a mail program
 * (marked unsent, so that Outlook and Thunderbird open it as a draft), with the same opt-out line
 * and List-Unsubscribe header as a sent one. Recorded as a follow-up "à confirmer".
 */
import { getClientRow } from '../db/clients';
import { getMailSettingsRow } from '../db/mail-settings';
import type { FollowUp, Workspace } from '../db/schema';
import { listUnsubscribeHeaders, unsubscribeOf, withOptOutLine } from '../domain/follow-ups/message';
import { nameKey } from '../domain/names';
import { AppError } from './errors';
import { isEmailAddress } from '../domain/email';
import { assertNoPlaceholderLeft, recordFollowUp, unsubscribeTokenOf, type FollowUpInput } from './follow-ups';
import { messageIdFor } from './mail-settings';
import { composeMessage, type MailContext } from './mailer';

export async function exportFollowUpEml(
  ctx: MailContext,
  workspace: Workspace,
  input: FollowUpInput,
): Promise<{ fileName: string; content: Buffer; followUp: FollowUp }> {
  const db = ctx.database.db;
  const client = await getClientRow(db, workspace.id, input.clientId);
  if (!client) throw new AppError('not_found', 'Client introuvable.');
  assertNoPlaceholderLeft(input.subject, input.body);
  const settings = await getMailSettingsRow(db, workspace.id);
  const from = settings ? { name: settings.from_name || null, address: settings.from_address } : null;
  let body = input.body;
  let headers: Record<string, string> = { 'X-Unsent': '1' };
  if (from) {
    const unsubscribe = unsubscribeOf(from.address, ctx.publicUrl, await unsubscribeTokenOf(db, workspace.id, client.id));
    body = withOptOutLine(body, unsubscribe);
    headers = { ...headers, ...listUnsubscribeHeaders(unsubscribe) };
  }
  // Recorded first: a refusal (opt-out, cadence) must not hand out the file.
  const followUp = await recordFollowUp(ctx, workspace, { ...input, body, channel: 'eml' });
  const content = await composeMessage({
    from: from ?? { name: null, address: 'moi@exemple.invalid' },
    to: { name: client.contact?.trim() || null, address: client.email && isEmailAddress(client.email.trim()) ? client.email.trim() : 'destinataire@exemple.invalid' },
    subject: input.subject,
    text: body,
    messageId: messageIdFor(from?.address ?? 'djbooker.local'),
    date: ctx.now(),
    headers,
  });
  const fileName = `relance-${nameKey(client.name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client'}-${followUp.date}.eml`;
  return { fileName, content, followUp };
}
