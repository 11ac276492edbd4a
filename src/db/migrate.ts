import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Engine } from './engine';
import { coreMigration } from './migrations/001-core';
import { accountsMigration } from './migrations/002-accounts';

/** One set of migrations for both engines, in order; the engine only picks column syntax. */
function migrationsFor(engine: Engine): Record<string, Migration> {
  return {
    '001-core': coreMigration(engine),
    '002-accounts': accountsMigration(engine),
  };
}

export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(engine) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
