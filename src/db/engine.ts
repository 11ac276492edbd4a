/** The differences between SQLite and PostgreSQL, settled here and nowhere else. */
import type { ColumnDefinitionBuilder } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Auto-increment ids: SQLite's rowid alias, PostgreSQL's identity column. */
export function idColumn(engine: Engine, c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
}
