/** The IMAP settings, the watcher's place and state, and the replies read from the mailbox (migration 007). */
import { sql } from 'kysely';
import type { Db } from './connection';
import type { ImapSettingsRow, MailReply, NewMailReply } from './schema';

export async function getImapSettingsRow(db: Db, workspaceId: number): Promise<ImapSettingsRow | undefined> {
  return db.selectFrom('imap_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The workspaces whose mailbox is watched. */
export async function listImapWorkspaceIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('imap_settings').select('workspace_id').orderBy('workspace_id').execute()).map((r) => r.workspace_id);
}

type SettingsFields = Pick<
  ImapSettingsRow,
  'workspace_id' | 'host' | 'port' | 'secure' | 'username' | 'password_encrypted' | 'folder' | 'updated_at'
>;

/** Saves the settings; another server, user or folder starts the watch again from the folder's end. */
export async function upsertImapSettingsRow(db: Db, row: SettingsFields, restart: boolean): Promise<void> {
  const { workspace_id: _id, ...changes } = row;
  const reset = restart ? { uid_validity: null, last_uid: 0, last_error: null, failures: 0 } : {};
  await db
    .insertInto('imap_settings')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...changes, ...reset }))
    .execute();
}

export async function deleteImapSettingsRow(db: Db, workspaceId: number): Promise<void> {
  await db.deleteFrom('imap_settings').where('workspace_id', '=', workspaceId).execute();
}

/** Where the watch is (after a pass read messages up to `lastUid`), and its success. */
export async function recordImapPosition(db: Db, workspaceId: number, uidValidity: string, lastUid: number, at: string): Promise<void> {
  await db
    .updateTable('imap_settings')
    .set({ uid_validity: uidValidity, last_uid: lastUid, last_check_at: at, last_success_at: at, last_error: null, failures: 0 })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function recordImapFailure(db: Db, workspaceId: number, error: string, at: string): Promise<void> {
  await db
    .updateTable('imap_settings')
    .set((eb) => ({ last_check_at: at, last_error: error, failures: eb('failures', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** The follow-ups a message may answer: those it names by Message-ID, and those to its sender's address. */
export async function listReplyCandidates(db: Db, workspaceId: number, messageIds: readonly string[], from: string | null) {
  const ids = messageIds.map((m) => m.toLowerCase()).slice(0, 100);
  if (ids.length === 0 && from === null) return [];
  return db
    .selectFrom('follow_ups')
    .innerJoin('clients', 'clients.id', 'follow_ups.client_id')
    .leftJoin('outbox_messages', 'outbox_messages.follow_up_id', 'follow_ups.id')
    .select([
      'follow_ups.id',
      'follow_ups.client_id',
      'follow_ups.date',
      'follow_ups.status',
      'follow_ups.outcome',
      'clients.email',
      'outbox_messages.message_id',
    ])
    .where('follow_ups.workspace_id', '=', workspaceId)
    .where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb(sql<string>`lower(outbox_messages.message_id)`, 'in', ids));
      if (from !== null) ors.push(eb(sql<string>`lower(clients.email)`, '=', from.toLowerCase()));
      return eb.or(ors);
    })
    .orderBy('follow_ups.date', 'desc')
    .limit(200)
    .execute();
}

/** Inserts the reply once: false when this message of this folder was already recorded. */
export async function insertReplyRow(db: Db, row: NewMailReply): Promise<MailReply | undefined> {
  return db
    .insertInto('mail_replies')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'folder', 'uid_validity', 'uid']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Whether this message (by its Message-ID) was already recorded: a folder read again after a UIDVALIDITY change. */
export async function replyWithMessageIdExists(db: Db, workspaceId: number, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_replies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listClientReplies(db: Db, workspaceId: number, clientId: number): Promise<MailReply[]> {
  return db
    .selectFrom('mail_replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .orderBy('received_date', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export async function getReplyRow(db: Db, workspaceId: number, id: number): Promise<MailReply | undefined> {
  return db.selectFrom('mail_replies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function markReplyUndone(db: Db, workspaceId: number, id: number, at: string): Promise<void> {
  await db.updateTable('mail_replies').set({ undone_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Clients whose address a bounce marked as failing, with the instant of that bounce. */
export async function listFailingEmails(db: Db, workspaceId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('client_contact_prefs')
    .select(['client_id', 'email_failing_at'])
    .where('workspace_id', '=', workspaceId)
    .where('email_failing_at', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.client_id, r.email_failing_at ?? '']));
}

/** A new address for the client: the bounce of the old one says nothing of it. */
export async function clearEmailFailing(db: Db, workspaceId: number, clientId: number): Promise<void> {
  await db
    .updateTable('client_contact_prefs')
    .set({ email_failing_at: null, email_failing_reason: null })
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .execute();
}

export async function markEmailFailing(db: Db, clientId: number, at: string, reason: string): Promise<void> {
  await db
    .updateTable('client_contact_prefs')
    .set({ email_failing_at: at, email_failing_reason: reason })
    .where('client_id', '=', clientId)
    .execute();
}
