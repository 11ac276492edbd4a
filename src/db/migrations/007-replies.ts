import type { Kysely } from 'kysely';
import type { Engine } from '../engine';
import { idColumn } from '../engine';

/**
 * Replies read from the DJ's mailbox (issue 16, docs/decisions/018): the IMAP settings (password
 * encrypted like the SMTP one) with the watcher's place in the folder (UIDVALIDITY, last UID) and
 * its state; one row per message of the mailbox that concerns a client (reply, auto-reply,
 * bounce), with what it changed so that a probable match can be undone; and a client's address
 * known to be failing.
 */
export function repliesMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('imap_settings')
        .addColumn('workspace_id', 'integer', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('port', 'integer', (c) => c.notNull())
        .addColumn('secure', 'integer', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        // AES-256-GCM, see src/app/secret-box.ts; never the password itself.
        .addColumn('password_encrypted', 'text')
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Where the watcher is: UIDs are only comparable under one UIDVALIDITY (kept as text: 32 bits unsigned).
        .addColumn('uid_validity', 'text')
        .addColumn('last_uid', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_check_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('mail_replies')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('follow_up_id', 'integer', (c) => c.references('follow_ups.id').onDelete('set null'))
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('uid_validity', 'text', (c) => c.notNull())
        .addColumn('uid', 'integer', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('certainty', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('received_date', 'text', (c) => c.notNull())
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('excerpt', 'text', (c) => c.notNull())
        // What the reply changed on its follow-up, to put it back when the user undoes the match.
        .addColumn('applied', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('previous_outcome', 'text')
        .addColumn('previous_outcome_date', 'text')
        .addColumn('undone_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('mail_replies_message', ['workspace_id', 'folder', 'uid_validity', 'uid'])
        .execute();
      await db.schema.createIndex('mail_replies_client').on('mail_replies').columns(['client_id', 'received_date']).execute();

      await db.schema.alterTable('client_contact_prefs').addColumn('email_failing_at', 'text').execute();
      await db.schema.alterTable('client_contact_prefs').addColumn('email_failing_reason', 'text').execute();
    },
  };
}
