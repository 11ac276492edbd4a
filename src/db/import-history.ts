/** The imports of a workspace as a history, and the undoing of the latest one. */
import { sql } from 'kysely';
import { refreshClientTotals } from './clients';
import type { Db } from './connection';
import { camel, type Camel } from './case';
import type { ImportRecord as ImportRow } from './schema';
import { bumpDataVersion } from './workspaces';

export type ImportRecord = Camel<ImportRow>;

/** The list leaves each import's stored report (its rejected rows) in the database. */
export async function listImportRecords(db: Db, workspaceId: number): Promise<Omit<ImportRecord, 'report'>[]> {
  const rows = await db
    .selectFrom('imports')
    .select([
      'id',
      'workspace_id',
      'kind',
      'file_name',
      'file_hash',
      'rows',
      'imported',
      'updated',
      'duplicates',
      'rejected',
      'created_at',
      'undone_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => camel(r));
}

export async function getImportRecord(db: Db, workspaceId: number, id: number): Promise<ImportRecord | undefined> {
  const row = await db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && camel(row);
}

/** The import an undo would take back: the latest one not undone yet. */
export async function latestUndoableImportId(db: Db, workspaceId: number): Promise<number | null> {
  const row = await db
    .selectFrom('imports')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

function affected(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Takes an import back, inside the caller's transaction: the gigs it created are deleted, the
 * rows it overwrote get their previous values back, and the clients it created go unless a
 * gig booked since keeps them.
 */
export async function undoImportRows(trx: Db, workspaceId: number, importId: number, now: string) {
  const removedGigs = affected(await sql`delete from gigs where workspace_id = ${workspaceId} and import_id = ${importId}`.execute(trx));
  const restoredGigs = affected(
    await sql`update gigs set client_id = p.client_id, date = p.date, amount_cents = p.amount_cents, status = p.status,
        type = p.type, venue = p.venue, city = p.city, duration_minutes = p.duration_minutes, notes = p.notes, updated_at = p.updated_at
      from import_previous_gigs p
      where p.import_id = ${importId} and gigs.id = p.gig_id and gigs.workspace_id = ${workspaceId}`.execute(trx),
  );
  const restoredClients = affected(
    await sql`update clients set name = p.name, contact = p.contact, email = p.email, phone = p.phone, city = p.city,
        category = p.category, notes = p.notes, file_gigs = p.file_gigs, file_revenue_cents = p.file_revenue_cents, updated_at = p.updated_at
      from import_previous_clients p
      where p.import_id = ${importId} and clients.id = p.client_id and clients.workspace_id = ${workspaceId}`.execute(trx),
  );
  const removedClients = affected(
    await sql`delete from clients where workspace_id = ${workspaceId} and created_import_id = ${importId}
      and not exists (select 1 from gigs where gigs.client_id = clients.id)`.execute(trx),
  );
  await trx.deleteFrom('import_previous_gigs').where('import_id', '=', importId).execute();
  await trx.deleteFrom('import_previous_clients').where('import_id', '=', importId).execute();
  await trx.updateTable('imports').set({ undone_at: now }).where('id', '=', importId).execute();
  await refreshClientTotals(trx, workspaceId);
  await bumpDataVersion(trx, workspaceId);
  return { removedGigs, removedClients, restored: restoredGigs + restoredClients };
}
