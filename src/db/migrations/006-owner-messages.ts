import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine';
import { idColumn } from '../engine';

/**
 * Messages to the workspace's owner in the outbox (the weekly alert, issue 14): a message has a
 * `recipient`, `client` (a follow-up, as before) or `owner`, and an owner's message has no client.
 * PostgreSQL drops the NOT NULL in place; SQLite cannot, so the table is rebuilt with the same
 * columns, rows and indexes (inside the migration's transaction: all or nothing).
 */
export function ownerMessagesMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine === 'postgres') {
        await sql`alter table outbox_messages alter column client_id drop not null`.execute(db);
        await db.schema
          .alterTable('outbox_messages')
          .addColumn('recipient', 'text', (c) => c.notNull().defaultTo('client'))
          .execute();
        return;
      }
      await db.transaction().execute(async (trx) => rebuildOnSqlite(trx, engine));
    },
  };
}

async function rebuildOnSqlite(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('outbox_messages_006')
    .addColumn('id', 'integer', (c) => idColumn(engine, c))
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('client_id', 'integer', (c) => c.references('clients.id').onDelete('cascade'))
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
    .addColumn('sending_owner', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull().defaultTo('client'))
    .addUniqueConstraint('outbox_idempotency_006', ['workspace_id', 'idempotency_key'])
    .execute();
  await sql`insert into outbox_messages_006 (id, workspace_id, client_id, follow_up_id, batch_id, idempotency_key, message_id, to_address,
    to_name, subject, body, list_unsubscribe, list_unsubscribe_post, state, attempts, next_attempt_at, last_error, smtp_response,
    sending_started_at, sent_at, created_at, updated_at, sending_owner)
    select id, workspace_id, client_id, follow_up_id, batch_id, idempotency_key, message_id, to_address,
    to_name, subject, body, list_unsubscribe, list_unsubscribe_post, state, attempts, next_attempt_at, last_error, smtp_response,
    sending_started_at, sent_at, created_at, updated_at, sending_owner from outbox_messages`.execute(db);
  await db.schema.dropTable('outbox_messages').execute();
  await db.schema.alterTable('outbox_messages_006').renameTo('outbox_messages').execute();
  await db.schema.createIndex('outbox_due').on('outbox_messages').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_batch').on('outbox_messages').columns(['workspace_id', 'batch_id']).execute();
}
