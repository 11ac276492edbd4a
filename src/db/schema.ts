/** Kysely's view of the tables. Dates are 'YYYY-MM-DD' text, money integer cents, flags 0/1. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FollowUpChannel, FollowUpOutcome, FollowUpStatus } from '../domain/follow-ups/cadence';
import type { OutboxState } from '../domain/follow-ups/outbox-states';
import type { GigStatus } from '../domain/gigs';
import type { Role } from '../contracts/auth';

export interface WorkspaceTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  /** null: the reference date is today in the workspace's time zone. */
  reference_date: string | null;
  /** JSON of the workspace's settings (thresholds, signature …). */
  settings: string;
  created_at: string;
  /** Bumped in the same transaction as every write to the workspace's data: the portfolio cache's key. */
  data_version: Generated<number>;
  /** The secret of the workspace's calendar feed URL; null until first asked for. */
  calendar_token: string | null;
}

export interface ClientTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  name_key: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  category: string | null;
  notes: string | null;
  /** Statistics as declared by an imported clients file, kept to warn when the gigs disagree. */
  file_gigs: number | null;
  file_revenue_cents: number | null;
  /** Totals over the client's done gigs, kept current on every change to its gigs. */
  gig_count: ColumnType<number, number | undefined, number>;
  revenue_cents: ColumnType<number, number | undefined, number>;
  first_date: string | null;
  last_date: string | null;
  price_min_cents: number | null;
  price_max_cents: number | null;
  created_import_id: number | null;
  created_at: string;
  updated_at: string;
}

export type { GigStatus };

export interface GigTable {
  id: Generated<number>;
  workspace_id: number;
  client_id: number;
  date: string;
  amount_cents: number;
  status: GigStatus;
  type: string | null;
  venue: string | null;
  city: string | null;
  duration_minutes: number | null;
  notes: string | null;
  reference: string | null;
  /** Identity of the gig across imports: its reference, or client + date + amount + type. */
  dedupe_key: string;
  /** Rank among the gigs of the same key, so that two identical gigs on one day stay two. */
  occurrence: number;
  import_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImportTable {
  id: Generated<number>;
  workspace_id: number;
  kind: 'clients' | 'gigs';
  file_name: string;
  file_hash: string;
  rows: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** JSON of the whole report (rejections, created clients, warnings). */
  report: string;
  created_at: string;
  undone_at: string | null;
}

/** Staging of one import's valid rows, inside the import's transaction. */
export interface ImportRowTable {
  line: number;
  name: string;
  name_key: string;
  date: string | null;
  amount_cents: number | null;
  status: string | null;
  type: string | null;
  venue: string | null;
  city: string | null;
  duration_minutes: number | null;
  notes: string | null;
  reference: string | null;
  dedupe_key: string | null;
  contact: string | null;
  email: string | null;
  phone: string | null;
  category: string | null;
  file_gigs: number | null;
  file_revenue_cents: number | null;
}

export interface Schema {
  workspaces: WorkspaceTable;
  clients: ClientTable;
  gigs: GigTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  notes: NoteTable;
  import_previous_clients: ImportPreviousClientTable;
  import_previous_gigs: ImportPreviousGigTable;
}

export type Client = Selectable<ClientTable>;
export type NewClient = Insertable<ClientTable>;
export type ClientUpdate = Updateable<ClientTable>;
export type Gig = Selectable<GigTable>;
export type NewGig = Insertable<GigTable>;
export type ImportRecord = Selectable<ImportTable>;
export type ImportRow = Insertable<ImportRowTable>;

export interface UserTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** Lower-cased. */
  email: string;
  /** argon2id, PHC string. */
  password_hash: string;
  created_at: string;
  /** Migration 004: the owner sets the workspace up, a member works with the clients. */
  role: Role;
}

export interface SessionTable {
  /** Hex SHA-256 of the session cookie's token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** One failed sign-in, by e-mail and address, kept for the rate limit's window. */
export interface LoginFailureTable {
  id: Generated<number>;
  attempt_key: string;
  at: string;
}

export interface NoteTable {
  id: Generated<number>;
  workspace_id: number;
  client_id: number;
  text: string;
  created_at: string;
  updated_at: string;
}

/** A client's values before an import overwrote them. */
export interface ImportPreviousClientTable {
  import_id: number;
  client_id: number;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  category: string | null;
  notes: string | null;
  file_gigs: number | null;
  file_revenue_cents: number | null;
  updated_at: string;
}

/** A gig's values before an import overwrote them. */
export interface ImportPreviousGigTable {
  import_id: number;
  gig_id: number;
  client_id: number;
  date: string;
  amount_cents: number;
  status: GigStatus;
  type: string | null;
  venue: string | null;
  city: string | null;
  duration_minutes: number | null;
  notes: string | null;
  updated_at: string;
}

export type User = Selectable<UserTable>;
export type Note = Selectable<NoteTable>;

// Follow-ups (migration 003). Declared as a second part of `Schema` (TypeScript merges the two),
// so that this section is only appended to.
export interface Schema {
  follow_ups: FollowUpTable;
  follow_up_templates: FollowUpTemplateTable;
  client_contact_prefs: ClientContactPrefsTable;
  mail_settings: MailSettingsTable;
  outbox_messages: OutboxMessageTable;
}

export interface FollowUpTable {
  id: Generated<number>;
  workspace_id: number;
  client_id: number;
  /** The calendar day it was made (the workspace's reference date). */
  date: string;
  channel: FollowUpChannel;
  /** The template it started from; null when written from scratch. */
  template: string | null;
  subject: string;
  body: string;
  status: FollowUpStatus;
  error: string | null;
  outcome: ColumnType<FollowUpOutcome, string | undefined, string>;
  outcome_date: string | null;
  /** 1 when the outcome was set by a gig booked within the window, 2 by a reply read from the mailbox (migration 007), 0 when by the user. */
  outcome_auto: ColumnType<number, number | undefined, number>;
  window_end_date: string;
  window_end_at: string;
  created_at: string;
  confirmed_at: string | null;
}

export interface FollowUpTemplateTable {
  workspace_id: number;
  key: string;
  subject: string;
  body: string;
  updated_at: string;
}

export interface ClientContactPrefsTable {
  client_id: number;
  workspace_id: number;
  /** Set: "ne plus contacter". */
  opted_out_at: string | null;
  opt_out_source: 'user' | 'unsubscribe_link' | null;
  unsubscribe_token: string;
  /** Set when a bounce came back for the client's address (migration 007). */
  email_failing_at: ColumnType<string | null, string | null | undefined, string | null>;
  email_failing_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MailSettingsTable {
  workspace_id: number;
  host: string;
  port: number;
  secure: number;
  username: string | null;
  password_encrypted: string | null;
  from_name: string;
  from_address: string;
  updated_at: string;
}

export type { OutboxState };

export interface OutboxMessageTable {
  id: Generated<number>;
  workspace_id: number;
  /** Null for a message to the workspace's owner (migration 006). */
  client_id: number | null;
  follow_up_id: number | null;
  batch_id: string;
  idempotency_key: string;
  message_id: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  body: string;
  list_unsubscribe: string;
  list_unsubscribe_post: string | null;
  state: OutboxState;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  last_error: string | null;
  smtp_response: string | null;
  sending_started_at: string | null;
  /** The sender process (its lease owner) that has the message in hand while "sending" (migration 005). */
  sending_owner: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  /** Who it goes to: a client (a follow-up) or the workspace's owner (the weekly alert); migration 006. */
  recipient: ColumnType<OutboxRecipient, OutboxRecipient | undefined, OutboxRecipient>;
}

export type OutboxRecipient = 'client' | 'owner';
/** A follow-up's message: to a client (every message but the owner's). */
export type ClientOutboxMessage = OutboxMessage & { client_id: number };

export type FollowUp = Selectable<FollowUpTable>;
export type NewFollowUp = Insertable<FollowUpTable>;
export type MailSettingsRow = Selectable<MailSettingsTable>;
export type OutboxMessage = Selectable<OutboxMessageTable>;
export type NewOutboxMessage = Insertable<OutboxMessageTable>;

// Leases (migration 005): which process runs a job that must run once per database.
export interface Schema {
  leases: LeaseTable;
}

export interface LeaseTable {
  name: string;
  owner: string;
  expires_at: string;
  renewed_at: string;
}

export type Lease = Selectable<LeaseTable>;

// Replies read from the mailbox (migration 007).
export interface Schema {
  imap_settings: ImapSettingsTable;
  mail_replies: MailReplyTable;
}

export interface ImapSettingsTable {
  workspace_id: number;
  host: string;
  port: number;
  /** 1: implicit TLS (993); 0: STARTTLS, required except on the loopback interface. */
  secure: number;
  username: string;
  password_encrypted: string | null;
  folder: string;
  updated_at: string;
  uid_validity: ColumnType<string | null, string | null | undefined, string | null>;
  last_uid: ColumnType<number, number | undefined, number>;
  last_check_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_success_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  /** Failed checks in a row: the watcher waits longer after each. */
  failures: ColumnType<number, number | undefined, number>;
}

export interface MailReplyTable {
  id: Generated<number>;
  workspace_id: number;
  client_id: number;
  follow_up_id: number | null;
  folder: string;
  uid_validity: string;
  uid: number;
  message_id: string | null;
  kind: 'reply' | 'auto_reply' | 'bounce';
  certainty: 'certain' | 'probable';
  reason: string;
  /** The calendar day the message was received. */
  received_date: string;
  from_address: string;
  subject: string;
  excerpt: string;
  /** 1 when this reply set its follow-up's outcome to "answered". */
  applied: ColumnType<number, number | undefined, number>;
  previous_outcome: 'none' | 'no_answer' | 'answered' | 'booking' | 'declined' | null;
  previous_outcome_date: string | null;
  undone_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}

export type ImapSettingsRow = Selectable<ImapSettingsTable>;
export type MailReply = Selectable<MailReplyTable>;
export type NewMailReply = Insertable<MailReplyTable>;
