import type { Kysely } from 'kysely';
import type { Engine } from '../engine';
import { idColumn } from '../engine';

export function coreMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Paris'))
        .addColumn('reference_date', 'text')
        .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('imports')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_hash', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('imported', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('duplicates', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('imports_workspace').on('imports').columns(['workspace_id', 'id']).execute();

      await db.schema
        .createTable('clients')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('city', 'text')
        .addColumn('category', 'text')
        .addColumn('notes', 'text')
        .addColumn('file_gigs', 'integer')
        .addColumn('file_revenue_cents', 'bigint')
        .addColumn('gig_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('revenue_cents', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('first_date', 'text')
        .addColumn('last_date', 'text')
        .addColumn('price_min_cents', 'integer')
        .addColumn('price_max_cents', 'integer')
        .addColumn('created_import_id', 'integer', (c) => c.references('imports.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('clients_workspace_name_key', ['workspace_id', 'name_key'])
        .execute();

      await db.schema
        .createTable('gigs')
        .addColumn('id', 'integer', (c) => idColumn(engine, c))
        // No foreign key to workspaces: the client's (cascading) key already ties a gig to its
        // workspace, and each key costs a trigger per row on PostgreSQL's bulk insert.
        .addColumn('workspace_id', 'integer', (c) => c.notNull())
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('type', 'text')
        .addColumn('venue', 'text')
        .addColumn('city', 'text')
        .addColumn('duration_minutes', 'integer')
        .addColumn('notes', 'text')
        .addColumn('reference', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('occurrence', 'integer', (c) => c.notNull())
        // Imports are never deleted (undo marks them), so this needs no foreign key either.
        .addColumn('import_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('gigs_identity', ['workspace_id', 'dedupe_key', 'occurrence'])
        .execute();
      await db.schema.createIndex('gigs_client_date').on('gigs').columns(['client_id', 'date']).execute();
      await db.schema.createIndex('gigs_workspace_date').on('gigs').columns(['workspace_id', 'date']).execute();
    },
  };
}
