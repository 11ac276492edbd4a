/**
 * The workspace's SMTP settings ("Réglages d'envoi"): SendGrid, Mailgun, Brevo, OVH, Gmail… all
 * offer SMTP. The password is stored encrypted (see secret-box.ts) and never shown back.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deleteMailSettingsRow, getMailSettingsRow, upsertMailSettingsRow } from '../db/mail-settings';
import type { Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError } from './errors';
import {
  MAIL_PORTS,
  mailPortProblem,
  MailSendError,
  resolveSmtpHost,
  systemResolver,
  type Address,
  type MailContext,
  type SmtpConfig,
} from './mailer';
import type { SendErrorKind } from '../domain/follow-ups/send-errors';
import type { MailSettingsInput } from '../contracts/settings';

export type { MailSettingsInput } from '../contracts/settings';

export interface MailSettingsView {
  configured: boolean;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  /** Whether a password is stored; the password itself never leaves the server. */
  hasPassword: boolean;
  fromName: string;
  fromAddress: string;
}

const EMPTY: MailSettingsView = {
  configured: false,
  host: '',
  port: 587,
  secure: false,
  username: '',
  hasPassword: false,
  fromName: '',
  fromAddress: '',
};

function secretContext(workspaceId: number): string {
  return `mail_settings:${workspaceId}:password`;
}

export async function getMailSettings(ctx: AppContext, workspace: Workspace): Promise<MailSettingsView> {
  const row = await getMailSettingsRow(ctx.database.db, workspace.id);
  if (!row) return EMPTY;
  return {
    configured: true,
    host: row.host,
    port: row.port,
    secure: row.secure === 1,
    username: row.username ?? '',
    hasPassword: row.passwordEncrypted !== null,
    fromName: row.fromName,
    fromAddress: row.fromAddress,
  };
}

export async function saveMailSettings(ctx: MailContext, workspace: Workspace, input: MailSettingsInput): Promise<MailSettingsView> {
  const s = input;
  const username = s.username ? s.username : null;
  await checkMailPort(ctx, s.host, s.port);
  const current = await getMailSettingsRow(ctx.database.db, workspace.id);
  // The stored password goes only where it was typed for: a new host, port or user needs it again.
  const sameTarget = current !== undefined && current.host === s.host && current.port === s.port && current.username === username;
  if (s.password === undefined && !sameTarget && username !== null && current?.passwordEncrypted) {
    throw AppError.worded('invalid_input', 'error.mail.passwordAgain');
  }
  const kept = sameTarget ? (current?.passwordEncrypted ?? null) : null;
  const passwordEncrypted =
    s.password === undefined
      ? kept
      : s.password === null || s.password === ''
        ? null
        : ctx.secretBox.seal(s.password, secretContext(workspace.id));
  await upsertMailSettingsRow(ctx.database.db, {
    workspaceId: workspace.id,
    host: s.host,
    port: s.port,
    secure: s.secure ? 1 : 0,
    username,
    passwordEncrypted,
    fromName: s.fromName,
    fromAddress: s.fromAddress,
    updatedAt: ctx.now().toISOString(),
  });
  return getMailSettings(ctx, workspace);
}

/**
 * Outside this machine only the mail ports (issue 9: no port scan from the server). A name that
 * does not resolve now is held to the mail ports too; sending resolves and checks it again.
 */
async function checkMailPort(ctx: MailContext, host: string, port: number): Promise<void> {
  let resolved: { loopback: boolean };
  try {
    resolved = await resolveSmtpHost(host, ctx.resolveHost ?? systemResolver);
  } catch {
    resolved = { loopback: false };
  }
  if (mailPortProblem(port, resolved))
    throw AppError.worded('invalid_input', 'error.mail.portRefused', { port, ports: MAIL_PORTS.join(', ') });
}

export async function deleteMailSettings(ctx: AppContext, workspace: Workspace): Promise<void> {
  await deleteMailSettingsRow(ctx.database.db, workspace.id);
}

export interface SendingSetup {
  smtp: SmtpConfig;
  from: Address;
}

/** The SMTP configuration with its password decrypted, or null when none is saved. */
export async function getSendingSetup(ctx: MailContext, workspaceId: number): Promise<SendingSetup | null> {
  const row = await getMailSettingsRow(ctx.database.db, workspaceId);
  if (!row) return null;
  return {
    smtp: {
      host: row.host,
      port: row.port,
      secure: row.secure === 1,
      username: row.username,
      password: row.passwordEncrypted === null ? null : ctx.secretBox.open(row.passwordEncrypted, secretContext(workspaceId)),
    },
    from: { name: row.fromName || null, address: row.fromAddress },
  };
}

export function messageIdFor(fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'djbooker.local';
  return `<${randomUUID()}@${domain}>`;
}

/** "Envoyer un test": a short message to the DJ's own address (or `to`), straight through the server. */
export async function sendTestMail(
  ctx: MailContext,
  workspace: Workspace,
  to?: string,
): Promise<{ ok: true; to: string; response: string } | { ok: false; to: string; error: string; errorKind: SendErrorKind }> {
  const setup = await getSendingSetup(ctx, workspace.id);
  if (!setup) throw AppError.worded('invalid_input', 'error.mail.noServer');
  const recipient = to ?? setup.from.address;
  if (!z.email().safeParse(recipient).success) throw AppError.worded('invalid_input', 'error.mail.badAddress', { address: recipient });
  try {
    const { response } = await ctx.mailerFor(setup.smtp).send({
      from: setup.from,
      to: { name: null, address: recipient },
      subject: 'Test d’envoi DJ Booker Pro ✅',
      text: `Bonjour,\n\nCe message confirme que DJ Booker Pro peut envoyer vos relances par ${setup.smtp.host}:${setup.smtp.port}.\n\nÀ bientôt !\n`,
      messageId: messageIdFor(setup.from.address),
      date: ctx.now(),
      headers: {},
    });
    return { ok: true, to: recipient, response };
  } catch (e) {
    if (e instanceof MailSendError) return { ok: false, to: recipient, error: e.message, errorKind: e.sendKind };
    throw e;
  }
}
