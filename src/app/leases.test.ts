/**
 * The lease that lets one process at a time run a job (the outbox sender now; the weekly alert and
 * the mailbox watcher later), on both engines, with two connections standing for two processes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestDatabase } from '../../test/support/databases';
import { openDatabase, type Database } from '../db/connection';
import { acquireLease, getLease } from '../db/leases';
import { holdLease } from './leases';

for (const engine of testEngines()) {
  describe(`leases on ${engine.name}`, () => {
    let db: TestDatabase;
    let other: Database;
    let clock: Date;
    const now = () => clock;

    beforeEach(async () => {
      db = await engine.open();
      other = await openDatabase(db.options);
      clock = new Date('2026-01-14T10:00:00Z');
    });
    afterEach(async () => {
      await other.close();
      await db.cleanup();
    });

    it('is taken by one owner at a time, renewed by its holder, and taken over once expired', async () => {
      const at = (ms: number) => new Date(clock.getTime() + ms).toISOString();
      expect(await acquireLease(db.db, 'job', 'a', at(0), at(10_000))).toBe(true);
      expect(await acquireLease(other.db, 'job', 'b', at(0), at(10_000))).toBe(false);
      // The holder renews.
      expect(await acquireLease(db.db, 'job', 'a', at(5_000), at(15_000))).toBe(true);
      expect(await getLease(db.db, 'job')).toMatchObject({ owner: 'a', expiresAt: at(15_000) });
      // Not yet expired for b at 14.9 s; expired at 15 s.
      expect(await acquireLease(other.db, 'job', 'b', at(14_900), at(24_900))).toBe(false);
      expect(await acquireLease(other.db, 'job', 'b', at(15_000), at(25_000))).toBe(true);
      expect(await acquireLease(db.db, 'job', 'a', at(15_000), at(25_000))).toBe(false);
      expect(await getLease(db.db, 'job')).toMatchObject({ owner: 'b' });
    });

    it('holdLease: one holder among two processes; a clean stop hands over, a lapse too', async () => {
      const changes: string[] = [];
      const a = await holdLease(
        { database: db, now },
        { name: 'weekly-alert', ttlMs: 60_000, renewMs: 20, onChange: (h) => changes.push(`a ${h}`) },
      );
      const b = await holdLease(
        { database: other, now },
        { name: 'weekly-alert', ttlMs: 60_000, renewMs: 20, onChange: (h) => changes.push(`b ${h}`) },
      );
      try {
        expect([a.holds(), b.holds()]).toEqual([true, false]);
        await a.stop();
        expect(a.holds()).toBe(false);
        expect(await b.refresh()).toBe(true);
        expect(changes).toEqual(['a true', 'a false', 'b true']);
        const c = await holdLease({ database: db, now }, { name: 'weekly-alert', ttlMs: 60_000, renewMs: 20 });
        expect(c.holds()).toBe(false);
        await b.stop();
        expect(await c.refresh()).toBe(true);
        // Past the expiry with no renewal landed since, a holder no longer believes it holds.
        clock = new Date(clock.getTime() + 61_000);
        expect(c.holds()).toBe(false);
        expect(await c.refresh()).toBe(true);
        await c.stop();
        expect(await getLease(db.db, 'weekly-alert')).toBeUndefined();
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  });
}
