/**
 * Leases: a row per job that one process at a time may run (`name`), with its `owner` and an
 * expiry the owner keeps pushing back. A lease is free when it has no row or its expiry has
 * passed; taking it is one conditional upsert, atomic on both engines. Instants are ISO 8601 UTC
 * text from the callers' clocks (servers sharing a database keep their clocks in step: NTP).
 */
import type { Db } from './connection';
import { camel, type Camel } from './case';
import type { Lease as LeaseRow } from './schema';

export type Lease = Camel<LeaseRow>;

/**
 * Takes the lease, or extends it when it is already ours, until `expiresAt`. False when another
 * owner holds it and it has not expired.
 */
export async function acquireLease(db: Db, name: string, owner: string, nowIso: string, expiresAt: string): Promise<boolean> {
  const row = await db
    .insertInto('leases')
    .values({ name, owner, expires_at: expiresAt, renewed_at: nowIso })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ owner, expires_at: expiresAt, renewed_at: nowIso })
        .where((eb) => eb.or([eb('leases.owner', '=', owner), eb('leases.expires_at', '<=', nowIso)])),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === owner;
}

/** Gives the lease up (a clean stop), if it is still ours. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute();
}

export async function getLease(db: Db, name: string): Promise<Lease | undefined> {
  const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row && camel(row);
}

/** Removes the expired leases whose name starts with `prefix` (no % nor _ in it): per-process leases of processes gone. */
export async function deleteExpiredLeases(db: Db, prefix: string, nowIso: string): Promise<number> {
  const r = await db.deleteFrom('leases').where('name', 'like', `${prefix}%`).where('expires_at', '<=', nowIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}
