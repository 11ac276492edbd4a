/**
 * "Télécharger (.eml)": the follow-up as an RFC 5322 message file the DJ opens in a mail program
 * (marked unsent, so that Outlook and Thunderbird open it as a draft), with the same opt-out line
 * and List-Unsubscribe header as a sent one. Recorded as a follow-up "à confirmer".
 */
import { getClientRow } from '../db/clients';
import { getMailSettingsRow } from '../db/mail-settings';
import type { FollowUp } from '../db/follow-ups';
import type { Workspace } from '../db/workspaces';
import { listUnsubscribeHeaders, unsubscribeOf, withOptOutLine } from '../domain/follow-ups/message';
import { nameKey } from '../domain/names';
import { AppError } from './errors';
import { isEmailAddress } from '../domain/email';
import { assertNoPlaceholderLeft, recordFollowUp, type FollowUpInput } from './follow-ups/record';
import { unsubscribeTokenOf } from './follow-ups/unsubscribe';
import { messageIdFor } from './mail-settings';
import { composeMessage, type MailContext } from './mailer';
import { todayOf } from './workspace';
import { storedZip, ZIP_LIMITS, type ZipEntry } from './zip';

export async function exportFollowUpEml(
  ctx: MailContext,
  workspace: Workspace,
  input: FollowUpInput,
): Promise<{ fileName: string; content: Buffer; followUp: FollowUp }> {
  const db = ctx.database.db;
  const client = await getClientRow(db, workspace.id, input.clientId);
  if (!client) throw AppError.worded('not_found', 'error.clientNotFound');
  assertNoPlaceholderLeft(input.subject, input.body);
  const settings = await getMailSettingsRow(db, workspace.id);
  const from = settings ? { name: settings.fromName || null, address: settings.fromAddress } : null;
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
    to: {
      name: client.contact?.trim() || null,
      address: client.email && isEmailAddress(client.email.trim()) ? client.email.trim() : 'destinataire@exemple.invalid',
    },
    subject: input.subject,
    text: body,
    messageId: messageIdFor(from?.address ?? 'djbooker.local'),
    date: ctx.now(),
    headers,
  });
  const fileName = `relance-${
    nameKey(client.name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'client'
  }-${followUp.date}.eml`;
  return { fileName, content, followUp };
}

export interface EmlBatchResult {
  fileName: string;
  content: Buffer;
  /** The follow-up recorded (or updated) for each client whose file is in the zip. */
  recorded: { clientId: number; followUpId: number }[];
  /** Clients left out, with why (opted out, no longer allowed, unknown). */
  refused: { clientId: number; error: AppError }[];
}

/**
 * "Tout télécharger (.zip)" of the VIP batch without a mail server: one .eml per message in one
 * stored zip, each recorded « à confirmer » (or updating the follow-up its row already recorded).
 * A message refused (opt-out, cadence) is left out and reported, the others still go in.
 */
export async function exportFollowUpEmlZip(
  ctx: MailContext,
  workspace: Workspace,
  inputs: readonly FollowUpInput[],
): Promise<EmlBatchResult> {
  const entries: ZipEntry[] = [];
  const recorded: EmlBatchResult['recorded'] = [];
  const refused: EmlBatchResult['refused'] = [];
  const names = new Set<string>();
  for (const input of inputs.slice(0, ZIP_LIMITS.entries)) {
    try {
      const { fileName, content, followUp } = await exportFollowUpEml(ctx, workspace, input);
      // Two clients whose names make the same file name each keep their own file.
      let name = fileName;
      for (let i = 2; names.has(name); i++) name = fileName.replace(/\.eml$/, `-${i}.eml`);
      names.add(name);
      entries.push({ name, content, modifiedAt: ctx.now() });
      recorded.push({ clientId: input.clientId, followUpId: followUp.id });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refused.push({ clientId: input.clientId, error: e });
    }
  }
  return { fileName: `relances-${todayOf(ctx, workspace)}.zip`, content: storedZip(entries), recorded, refused };
}
