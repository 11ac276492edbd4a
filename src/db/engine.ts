/** The differences between SQLite and PostgreSQL, settled here and nowhere else. */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Auto-increment ids: SQLite's rowid alias, PostgreSQL's identity column. */
export function idColumn(engine: Engine, c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
}

/**
 * PostgreSQL plans with the statistics it has; tables filled inside the running transaction have
 * none, and it then guesses one row and picks plans that read a million-row index per client.
 * SQLite's planner does well without them, and ANALYZE there costs a full scan: nothing to do.
 */
export async function refreshPlannerStatistics<T>(db: Kysely<T>, engine: Engine, tables: readonly string[]): Promise<void> {
  if (engine !== 'postgres') return;
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}
