/**
 * Vitest global setup: names this run's PostgreSQL test schemas and drops them all once the run is
 * over, in one go (a schema dropped while another file migrates a fresh one makes Kysely's
 * migrator try again: src/db/migrate.ts).
 */
import pg from 'pg';

export const RUN_VARIABLE = 'DJBOOKER_TEST_RUN';

export default function setup(): () => Promise<void> {
  const run = Math.random().toString(36).slice(2, 8);
  // Set before the workers start, so that every test file inherits it.
  process.env[RUN_VARIABLE] = run;
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`select nspname as name from pg_namespace where nspname like $1`, [
        `t\\_${run}\\_%`,
      ]);
      for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
    } finally {
      await client.end();
    }
  };
}
