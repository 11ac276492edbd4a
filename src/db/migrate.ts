import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './engine';
import { coreMigration } from './migrations/001-core';
import { accountsMigration } from './migrations/002-accounts';
import { followUpsMigration } from './migrations/003-follow-ups';
import { rolesMigration } from './migrations/004-roles';
import { leasesMigration } from './migrations/005-leases';
import { ownerMessagesMigration } from './migrations/006-owner-messages';
import { repliesMigration } from './migrations/007-replies';

/** One set of migrations for both engines, in order; the engine only picks column syntax. */
function migrationsFor(engine: Engine): Record<string, Migration> {
  return {
    '001-core': coreMigration(engine),
    '002-accounts': accountsMigration(engine),
    '003-follow-ups': followUpsMigration(engine),
    '004-roles': rolesMigration(),
    '005-leases': leasesMigration(engine),
    '006-owner-messages': ownerMessagesMigration(engine),
    '007-replies': repliesMigration(engine),
  };
}

/**
 * Whether every migration is recorded, read straight from Kysely's table (its own check introspects
 * every schema of a PostgreSQL database, which fails when another one is dropped meanwhile).
 */
async function upToDate(db: Kysely<unknown>, names: readonly string[]): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return names.every((n) => done.has(n));
  } catch {
    // No table yet: a new database.
    return false;
  }
}

export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // Kysely looks for its tables in every schema unless told which: a database holding several
  // schemas (one per test file, one per tenant) would find another schema's and skip its own.
  const schema =
    engine === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(engine) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // Up to date (the usual case): no transaction, so opening the database never waits for another
  // process's write lock (a CLI command while an import runs).
  if (await upToDate(db, Object.keys(migrationsFor(engine)))) return;
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) return;
    const migrated = results?.some((r) => r.status === 'Success') ?? false;
    if (!migrated && attempt < VANISHED_SCHEMA_ATTEMPTS && otherSchemaVanished(error, schema)) continue;
    throw new Error(
      `database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const VANISHED_SCHEMA_ATTEMPTS = 20;

/**
 * Kysely's migrator looks at every schema of a PostgreSQL database (has_schema_privilege on each):
 * another schema dropped at that moment (another tenant's, a test run's, the bench's) fails it with
 * "schema … does not exist" before anything of ours was migrated. Not our schema: try again.
 */
export function otherSchemaVanished(error: unknown, ownSchema: string | undefined): boolean {
  const vanished = /schema "([^"]+)" does not exist/.exec(error instanceof Error ? error.message : '');
  return vanished !== null && vanished[1] !== ownSchema;
}
