import type { Kysely } from 'kysely';
import type { Engine } from '../engine';
import { idColumn } from '../engine';

/**
 * The web application's tables: accounts and sessions, notes, what an import changed (so the
 * latest one can be undone), and per workspace a data version (the portfolio cache's key) and
 * the secret of its calendar feed.
 */
export function accountsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        // Stored lower-cased: one account per address whatever its case.
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        // SHA-256 of the cookie's token: a copy of the database does not let anyone in.
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('login_failures')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('attempt_key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failures_key').on('login_failures').columns(['attempt_key', 'at']).execute();

      await db.schema
        .createTable('notes')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notes_client').on('notes').columns(['client_id', 'created_at']).execute();

      // The values an import overwrote, restored by undo; rows it created carry its id instead.
      await db.schema
        .createTable('import_previous_clients')
        .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('client_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('city', 'text')
        .addColumn('category', 'text')
        .addColumn('notes', 'text')
        .addColumn('file_gigs', 'integer')
        .addColumn('file_revenue_cents', 'bigint')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('import_previous_clients_import').on('import_previous_clients').column('import_id').execute();

      await db.schema
        .createTable('import_previous_gigs')
        .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('gig_id', 'integer', (c) => c.notNull())
        .addColumn('client_id', 'integer', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('type', 'text')
        .addColumn('venue', 'text')
        .addColumn('city', 'text')
        .addColumn('duration_minutes', 'integer')
        .addColumn('notes', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('import_previous_gigs_import').on('import_previous_gigs').column('import_id').execute();

      await db.schema.alterTable('imports').addColumn('undone_at', 'text').execute();
      await db.schema.createIndex('gigs_import').on('gigs').column('import_id').execute();
      await db.schema.createIndex('clients_created_import').on('clients').column('created_import_id').execute();

      await db.schema
        .alterTable('workspaces')
        .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('workspaces').addColumn('calendar_token', 'text').execute();
      await db.schema.createIndex('workspaces_calendar_token').on('workspaces').column('calendar_token').unique().execute();
    },
  };
}
