/**
 * What exports read and what a workspace import writes: whole tables of one workspace, read in
 * pages by id (so that a million gigs never sit in memory at once) and in id order (so that a file
 * imported then exported again lists its records in the same order).
 */
import type { BulkLoad, Db } from './connection';
import type { Client, FollowUp, Gig, Note } from './schema';

export const EXPORT_PAGE = 5000;

type Table = 'clients' | 'gigs' | 'notes' | 'follow_ups';
interface RowOf {
  clients: Client;
  gigs: Gig;
  notes: Note;
  follow_ups: FollowUp;
}

/** Every row of a workspace's table, oldest id first, a page at a time. */
export async function* pagesOf<T extends Table>(db: Db, table: T, workspaceId: number): AsyncGenerator<RowOf[T][]> {
  let after = 0;
  for (;;) {
    const rows = (await db
      .selectFrom(table as 'clients')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(EXPORT_PAGE)
      .execute()) as unknown as RowOf[T][];
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < EXPORT_PAGE) return;
    after = last.id;
  }
}

/** id → name key of every client of the workspace (the stable key exports reference clients by). */
export async function clientKeysById(db: Db, workspaceId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('clients').select(['id', 'name_key']).where('workspace_id', '=', workspaceId).execute();
  return new Map(rows.map((r) => [r.id, r.name_key]));
}

export async function listContactPrefsRows(db: Db, workspaceId: number) {
  return db
    .selectFrom('client_contact_prefs')
    .select(['client_id', 'opted_out_at', 'opt_out_source'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** Whether the workspace holds anything a workspace import would mix with. */
export async function hasWorkspaceRecords(db: Db, workspaceId: number): Promise<boolean> {
  for (const table of ['clients', 'gigs', 'notes', 'follow_ups'] as const) {
    const row = await db
      .selectFrom(table as 'clients')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/** Rows per bulk load: one COPY on PostgreSQL, a prepared statement on SQLite. */
const LOAD_ROWS = 10_000;

export async function loadRows(
  load: BulkLoad,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += LOAD_ROWS) await load(table, columns, rows.slice(i, i + LOAD_ROWS));
}
