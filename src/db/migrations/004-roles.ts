import { sql, type Kysely } from 'kysely';

/**
 * Roles (issue 9): `owner` sets the workspace up (mail and mailbox settings, templates, thresholds,
 * reference date, accounts); `member` works with the clients. Every account that exists when this
 * runs was made as the workspace's owner, so the default fills them in as owners; new accounts
 * always say their role.
 */
export function rolesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('users')
        .addColumn('role', 'text', (c) =>
          c
            .notNull()
            .defaultTo('owner')
            .check(sql`role in ('owner', 'member')`),
        )
        .execute();
    },
  };
}
