import type { Kysely } from 'kysely';
import type { Engine } from '../engine';

/**
 * Leases: a named job (the outbox sender, later the weekly alert and the mailbox watcher) that one
 * process at a time may run, held by an owner until an expiry it keeps renewing. And the owner of
 * each message being sent, so that only a dead owner's messages become "uncertain".
 */
export function leasesMigration(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        // ISO 8601 UTC instants, compared as text on both engines.
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('renewed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('leases_owner').on('leases').columns(['owner', 'expires_at']).execute();
      await db.schema.alterTable('outbox_messages').addColumn('sending_owner', 'text').execute();
    },
  };
}
