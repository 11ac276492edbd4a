/**
 * Migrating one schema of a PostgreSQL database while other schemas come and go (another tenant's,
 * a parallel test run's, the bench's): Kysely's migrator looks at every schema, and one dropped at
 * that moment must not fail ours.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../test/support/databases';
import { otherSchemaVanished } from './migrate';

describe('a schema vanishing during a migration', () => {
  it('is tried again only when the schema is another one', () => {
    const error = new Error('schema "bench_mx60ikn7_16342" does not exist');
    expect(otherSchemaVanished(error, 't_1_abc')).toBe(true);
    expect(otherSchemaVanished(error, 'bench_mx60ikn7_16342')).toBe(false);
    expect(otherSchemaVanished(new Error('relation "gigs" does not exist'), 't_1_abc')).toBe(false);
    expect(otherSchemaVanished('schema "x" does not exist', 't_1_abc')).toBe(false);
  });

  for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
    it('never fails a migration while another process creates and drops schemas', async () => {
      const url = process.env.TEST_DATABASE_URL!;
      const churn = new pg.Client({ connectionString: url });
      await churn.connect();
      let stop = false;
      let dropped = 0;
      const churning = (async () => {
        while (!stop) {
          const name = `churn_${process.pid}_${dropped}`;
          await churn.query(`create schema ${name}`);
          await churn.query(`drop schema ${name}`);
          dropped++;
        }
      })();
      try {
        for (let i = 0; i < 8; i++) {
          const db = await engine.open();
          await db.cleanup();
        }
      } finally {
        stop = true;
        await churning;
        await churn.end();
      }
      expect(dropped).toBeGreaterThan(0);
    });
  }
});
