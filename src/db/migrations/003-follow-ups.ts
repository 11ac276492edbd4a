import type { Kysely } from 'kysely';
import type { Engine } from '../engine';
import { idColumn } from '../engine';

/**
 * Follow-ups and their outcomes, the workspace's edited templates, a client's opt-out and
 * unsubscribe secret, the SMTP settings (password encrypted, its key outside the database) and
 * the durable outbox of e-mails.
 */
export function followUpsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('follow_ups')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('template', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('none'))
        .addColumn('outcome_date', 'text')
        .addColumn('outcome_auto', 'integer', (c) => c.notNull().defaultTo(0))
        // The 90-day window in which a new gig counts as obtained by this follow-up, as plain
        // values, so that the check is one portable comparison on both engines.
        .addColumn('window_end_date', 'text', (c) => c.notNull())
        .addColumn('window_end_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .execute();
      await db.schema.createIndex('follow_ups_client').on('follow_ups').columns(['client_id', 'date']).execute();
      await db.schema.createIndex('follow_ups_workspace').on('follow_ups').columns(['workspace_id', 'date']).execute();

      await db.schema
        .createTable('follow_up_templates')
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('follow_up_templates_pk', ['workspace_id', 'key'])
        .execute();

      await db.schema
        .createTable('client_contact_prefs')
        .addColumn('client_id', 'integer', (c) => c.primaryKey().references('clients.id').onDelete('cascade'))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('opted_out_at', 'text')
        .addColumn('opt_out_source', 'text')
        .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
        .execute();

      await db.schema
        .createTable('mail_settings')
        .addColumn('workspace_id', 'integer', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('port', 'integer', (c) => c.notNull())
        .addColumn('secure', 'integer', (c) => c.notNull())
        .addColumn('username', 'text')
        // AES-256-GCM, see src/app/secret-box.ts; never the password itself.
        .addColumn('password_encrypted', 'text')
        .addColumn('from_name', 'text', (c) => c.notNull())
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('outbox_messages')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('follow_up_id', 'integer', (c) => c.references('follow_ups.id').onDelete('set null'))
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('to_name', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('list_unsubscribe', 'text', (c) => c.notNull())
        .addColumn('list_unsubscribe_post', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('smtp_response', 'text')
        .addColumn('sending_started_at', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('outbox_idempotency', ['workspace_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox_messages').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_batch').on('outbox_messages').columns(['workspace_id', 'batch_id']).execute();
    },
  };
}
