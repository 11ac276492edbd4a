/**
 * The IMAP settings, the watcher's place and state, and the replies read from the mailbox
 * (migration 007). Rows stay here: every function takes and returns the camelCase values below.
 */
import { sql, type Selectable } from 'kysely';
import type { FollowUpOutcome, FollowUpStatus } from '../domain/follow-ups/cadence';
import type { Db } from './connection';
import type { Schema } from './schema';

type ImapSettingsRow = Selectable<Schema['imap_settings']>;
type MailReplyRow = Selectable<Schema['mail_replies']>;

export interface StoredImapSettings {
  workspaceId: number;
  host: string;
  port: number;
  /** Implicit TLS (993); false: STARTTLS, required except on the loopback interface. */
  secure: boolean;
  username: string;
  passwordEncrypted: string | null;
  folder: string;
  updatedAt: string;
  /** Where the watch is: the folder's UIDVALIDITY and the last UID read. */
  uidValidity: string | null;
  lastUid: number;
  lastCheckAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Failed checks in a row: the watcher waits longer after each. */
  failures: number;
}

/** What the user saves; the watch's place and state are the watcher's. */
export type ImapSettingsFields = Pick<
  StoredImapSettings,
  'workspaceId' | 'host' | 'port' | 'secure' | 'username' | 'passwordEncrypted' | 'folder' | 'updatedAt'
>;

export interface MailReply {
  id: number;
  workspaceId: number;
  clientId: number;
  followUpId: number | null;
  folder: string;
  uidValidity: string;
  uid: number;
  messageId: string | null;
  kind: 'reply' | 'auto_reply' | 'bounce';
  certainty: 'certain' | 'probable';
  reason: string;
  /** The calendar day the message was received. */
  receivedDate: string;
  fromAddress: string;
  subject: string;
  excerpt: string;
  /** This reply set its follow-up's outcome to "answered". */
  applied: boolean;
  previousOutcome: FollowUpOutcome | null;
  previousOutcomeDate: string | null;
  undoneAt: string | null;
  createdAt: string;
}

export type NewMailReply = Omit<MailReply, 'id' | 'undoneAt'>;

/** A follow-up a message may answer, with its client's address and its e-mail's Message-ID. */
export interface ReplyCandidate {
  id: number;
  clientId: number;
  date: string;
  status: FollowUpStatus;
  outcome: FollowUpOutcome;
  email: string | null;
  messageId: string | null;
}

function imapSettingsOf(r: ImapSettingsRow): StoredImapSettings {
  return {
    workspaceId: r.workspace_id,
    host: r.host,
    port: r.port,
    secure: r.secure === 1,
    username: r.username,
    passwordEncrypted: r.password_encrypted,
    folder: r.folder,
    updatedAt: r.updated_at,
    uidValidity: r.uid_validity,
    lastUid: Number(r.last_uid),
    lastCheckAt: r.last_check_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    failures: Number(r.failures),
  };
}

function mailReplyOf(r: MailReplyRow): MailReply {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    clientId: r.client_id,
    followUpId: r.follow_up_id,
    folder: r.folder,
    uidValidity: r.uid_validity,
    uid: r.uid,
    messageId: r.message_id,
    kind: r.kind,
    certainty: r.certainty,
    reason: r.reason,
    receivedDate: r.received_date,
    fromAddress: r.from_address,
    subject: r.subject,
    excerpt: r.excerpt,
    applied: Number(r.applied) === 1,
    previousOutcome: r.previous_outcome,
    previousOutcomeDate: r.previous_outcome_date,
    undoneAt: r.undone_at,
    createdAt: r.created_at,
  };
}

export async function getStoredImapSettings(db: Db, workspaceId: number): Promise<StoredImapSettings | undefined> {
  const row = await db.selectFrom('imap_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row && imapSettingsOf(row);
}

/** The workspaces whose mailbox is watched. */
export async function listImapWorkspaceIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('imap_settings').select('workspace_id').orderBy('workspace_id').execute()).map((r) => r.workspace_id);
}

/** Saves the settings; another server, user or folder starts the watch again from the folder's end. */
export async function upsertStoredImapSettings(db: Db, s: ImapSettingsFields, restart: boolean): Promise<void> {
  const changes = {
    host: s.host,
    port: s.port,
    secure: s.secure ? 1 : 0,
    username: s.username,
    password_encrypted: s.passwordEncrypted,
    folder: s.folder,
    updated_at: s.updatedAt,
  };
  const reset = restart ? { uid_validity: null, last_uid: 0, last_error: null, failures: 0 } : {};
  await db
    .insertInto('imap_settings')
    .values({ workspace_id: s.workspaceId, ...changes })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...changes, ...reset }))
    .execute();
}

export async function deleteStoredImapSettings(db: Db, workspaceId: number): Promise<void> {
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
export async function listReplyCandidates(
  db: Db,
  workspaceId: number,
  messageIds: readonly string[],
  from: string | null,
): Promise<ReplyCandidate[]> {
  const ids = messageIds.map((m) => m.toLowerCase()).slice(0, 100);
  if (ids.length === 0 && from === null) return [];
  const rows = await db
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
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    date: r.date,
    status: r.status,
    outcome: r.outcome,
    email: r.email,
    messageId: r.message_id,
  }));
}

/** Inserts the reply once: false when this message of this folder was already recorded. */
export async function insertReply(db: Db, r: NewMailReply): Promise<MailReply | undefined> {
  const row = await db
    .insertInto('mail_replies')
    .values({
      workspace_id: r.workspaceId,
      client_id: r.clientId,
      follow_up_id: r.followUpId,
      folder: r.folder,
      uid_validity: r.uidValidity,
      uid: r.uid,
      message_id: r.messageId,
      kind: r.kind,
      certainty: r.certainty,
      reason: r.reason,
      received_date: r.receivedDate,
      from_address: r.fromAddress,
      subject: r.subject,
      excerpt: r.excerpt,
      applied: r.applied ? 1 : 0,
      previous_outcome: r.previousOutcome,
      previous_outcome_date: r.previousOutcomeDate,
      created_at: r.createdAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'folder', 'uid_validity', 'uid']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && mailReplyOf(row);
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
  const rows = await db
    .selectFrom('mail_replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .orderBy('received_date', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map(mailReplyOf);
}

export async function getReply(db: Db, workspaceId: number, id: number): Promise<MailReply | undefined> {
  const row = await db
    .selectFrom('mail_replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && mailReplyOf(row);
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
