/**
 * The database side of an import: valid rows are staged in a temporary table inside the
 * import's transaction (by the engine's bulk path), then merged with set-based statements
 * that read the same on SQLite and PostgreSQL. Nothing here interprets a file.
 */
import { sql } from 'kysely';
import type { BulkLoad, Db } from './connection';
import { refreshPlannerStatistics, type Engine } from './engine';
import { refreshClientTotals } from './clients';
import type { ImportRowTable } from './schema';
import { bumpDataVersion } from './workspaces';

export const STAGING_COLUMNS = [
  'line',
  'name',
  'name_key',
  'date',
  'amount_cents',
  'status',
  'type',
  'venue',
  'city',
  'duration_minutes',
  'notes',
  'reference',
  'dedupe_key',
  'contact',
  'email',
  'phone',
  'category',
  'file_gigs',
  'file_revenue_cents',
] as const satisfies readonly (keyof ImportRowTable)[];

export type StagedRow = { [K in (typeof STAGING_COLUMNS)[number]]: ImportRowTable[K] };

/** The first key of the advisory locks that serialise imports (any constant that no other lock uses). */
const IMPORT_LOCK_CLASS = 0x646a6231;

/**
 * Inside an import's transaction: waits until no other import of the workspace runs. PostgreSQL:
 * a transaction-scoped advisory lock (without it, two imports creating the same client collide on
 * its unique key). SQLite: nothing to do, the transaction already holds the database's write lock.
 */
export async function waitForWorkspaceImports(trx: Db, engine: Engine, workspaceId: number, onWait?: () => void): Promise<void> {
  if (engine !== 'postgres') return;
  const got = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${IMPORT_LOCK_CLASS}, ${workspaceId}) as got`.execute(trx);
  if (got.rows[0]?.got) return;
  onWait?.();
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_CLASS}, ${workspaceId})`.execute(trx);
}

export async function createStaging(trx: Db): Promise<void> {
  await trx.schema
    .createTable('import_rows')
    .temporary()
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('amount_cents', 'integer')
    .addColumn('status', 'text')
    .addColumn('type', 'text')
    .addColumn('venue', 'text')
    .addColumn('city', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('notes', 'text')
    .addColumn('reference', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('contact', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('category', 'text')
    .addColumn('file_gigs', 'integer')
    .addColumn('file_revenue_cents', 'bigint')
    .execute();
}

/** Indexed after loading, which is faster than maintaining the index row by row. */
export async function indexStaging(trx: Db, engine: Engine): Promise<void> {
  await sql`create index import_rows_key on import_rows (name_key, line)`.execute(trx);
  await refreshPlannerStatistics(trx, engine, ['import_rows']);
}

/** Empties the staging table, for a file read again with conventions the first reading did not guess. */
export async function clearStaging(trx: Db): Promise<void> {
  await trx.deleteFrom('import_rows').execute();
}

export async function dropStaging(trx: Db): Promise<void> {
  await trx.schema.dropTable('import_keyed').ifExists().execute();
  await trx.schema.dropTable('import_rows').ifExists().execute();
}

export function stageRows(load: BulkLoad, rows: readonly StagedRow[]): Promise<void> {
  return load(
    'import_rows',
    STAGING_COLUMNS,
    rows.map((r) => STAGING_COLUMNS.map((c) => r[c])),
  );
}

export async function createImportRecord(
  trx: Db,
  r: { workspaceId: number; kind: 'clients' | 'gigs'; fileName: string; now: string },
): Promise<number> {
  // The file's hash is known once it has been read: finishImportRecord writes it.
  const row = await trx
    .insertInto('imports')
    .values({
      workspace_id: r.workspaceId,
      kind: r.kind,
      file_name: r.fileName,
      file_hash: '',
      rows: 0,
      imported: 0,
      updated: 0,
      duplicates: 0,
      rejected: 0,
      report: '{}',
      created_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishImportRecord(
  trx: Db,
  id: number,
  c: { fileHash: string; rows: number; imported: number; updated: number; duplicates: number; rejected: number; report: unknown },
): Promise<void> {
  await trx
    .updateTable('imports')
    .set({
      file_hash: c.fileHash,
      rows: c.rows,
      imported: c.imported,
      updated: c.updated,
      duplicates: c.duplicates,
      rejected: c.rejected,
      report: JSON.stringify(c.report),
    })
    .where('id', '=', id)
    .execute();
}

export async function countStaged(trx: Db): Promise<number> {
  const r = await trx
    .selectFrom('import_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function affected(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n);
}

/** Staged rows after the first one of the same name in the file: the line they repeat. */
/**
 * Takes out of the staged rows every client named again further down the file, and says which:
 * the first `keep` of them by line, and how many in all.
 */
export async function takeRepeatedNames(
  trx: Db,
  keep: number,
): Promise<{ first: { line: number; name: string; firstLine: number }[]; count: number }> {
  const firsts = trx
    .selectFrom('import_rows')
    .select((eb) => ['name_key', eb.fn.min('line').as('first_line')])
    .groupBy('name_key')
    .as('f');
  const repeated = await trx
    .selectFrom('import_rows as r')
    .innerJoin(firsts, 'f.name_key', 'r.name_key')
    .select(['r.line', 'r.name', 'f.first_line as firstLine'])
    .whereRef('r.line', '>', 'f.first_line')
    .orderBy('r.line')
    .limit(keep)
    .execute();
  let count = 0;
  if (repeated.length > 0) {
    count = affected(
      await sql`delete from import_rows where line in (select r.line from import_rows r
      where r.line > (select min(r2.line) from import_rows r2 where r2.name_key = r.name_key))`.execute(trx),
    );
  }
  return { first: repeated.map((r) => ({ line: r.line, name: r.name, firstLine: Number(r.firstLine) })), count };
}

/** Merges staged clients: a value in the file completes or replaces the stored one; an empty cell erases nothing. */
export async function mergeClients(trx: Db, workspaceId: number, importId: number, now: string) {
  const fields = ['contact', 'email', 'phone', 'city', 'category', 'notes', 'file_gigs', 'file_revenue_cents'] as const;
  const set = sql.join(fields.map((f) => sql`${sql.ref(f)} = coalesce(r.${sql.ref(f)}, clients.${sql.ref(f)})`));
  const changed = sql.join(
    fields.map((f) => sql`(r.${sql.ref(f)} is not null and r.${sql.ref(f)} is distinct from clients.${sql.ref(f)})`),
    sql` or `,
  );
  // What the update overwrites, so that undoing this import can restore it.
  await sql`insert into import_previous_clients (import_id, client_id, name, contact, email, phone, city, category, notes,
      file_gigs, file_revenue_cents, updated_at)
    select ${importId}, clients.id, clients.name, clients.contact, clients.email, clients.phone, clients.city, clients.category,
      clients.notes, clients.file_gigs, clients.file_revenue_cents, clients.updated_at
    from clients join import_rows r on clients.name_key = r.name_key
    where clients.workspace_id = ${workspaceId} and (r.name <> clients.name or ${changed})`.execute(trx);
  const updated = affected(
    await sql`update clients set name = r.name, ${set}, updated_at = ${now}
      from import_rows r
      where clients.workspace_id = ${workspaceId} and clients.name_key = r.name_key
        and (r.name <> clients.name or ${changed})`.execute(trx),
  );
  const imported = affected(
    await sql`insert into clients (workspace_id, name, name_key, contact, email, phone, city, category, notes,
        file_gigs, file_revenue_cents, created_import_id, created_at, updated_at)
      select ${workspaceId}, r.name, r.name_key, r.contact, r.email, r.phone, r.city, r.category, r.notes,
        r.file_gigs, r.file_revenue_cents, ${importId}, ${now}, ${now}
      from import_rows r
      where not exists (select 1 from clients c where c.workspace_id = ${workspaceId} and c.name_key = r.name_key)`.execute(trx),
  );
  await bumpDataVersion(trx, workspaceId);
  return { imported, updated };
}

/**
 * Merges staged gigs. A gig's identity is its dedupe key plus its rank among the rows of the
 * same key in the file (`occurrence`): two identical gigs on one day are two gigs, and the
 * same file imported again matches both. Unknown clients are created first.
 */
export async function mergeGigs(trx: Db, engine: Engine, workspaceId: number, importId: number, now: string) {
  const created = await sql<{ name: string }>`
    insert into clients (workspace_id, name, name_key, created_import_id, created_at, updated_at)
    select ${workspaceId}, r.name, r.name_key, ${importId}, ${now}, ${now}
    from import_rows r
    join (select name_key, min(line) as line from import_rows group by name_key) f on f.line = r.line
    where not exists (select 1 from clients c where c.workspace_id = ${workspaceId} and c.name_key = r.name_key)
    returning name`.execute(trx);

  await sql`create temporary table import_keyed as
    select r.*, c.id as client_id, row_number() over (partition by r.dedupe_key order by r.line) as occurrence
    from import_rows r join clients c on c.workspace_id = ${workspaceId} and c.name_key = r.name_key`.execute(trx);
  await sql`create index import_keyed_identity on import_keyed (dedupe_key, occurrence)`.execute(trx);
  await refreshPlannerStatistics(trx, engine, ['import_keyed']);
  // The same reference twice in one file is one gig, not two.
  await sql`delete from import_keyed where reference is not null and occurrence > 1`.execute(trx);

  const optional = ['type', 'venue', 'city', 'duration_minutes', 'notes'] as const;
  const set = sql.join(optional.map((f) => sql`${sql.ref(f)} = coalesce(k.${sql.ref(f)}, gigs.${sql.ref(f)})`));
  const changed = sql.join(
    optional.map((f) => sql`(k.${sql.ref(f)} is not null and k.${sql.ref(f)} is distinct from gigs.${sql.ref(f)})`),
    sql` or `,
  );
  const differs = sql`(gigs.client_id <> k.client_id or gigs.date <> k.date or gigs.amount_cents <> k.amount_cents
             or gigs.status <> k.status or ${changed})`;
  // What the update overwrites, so that undoing this import can restore it.
  await sql`insert into import_previous_gigs (import_id, gig_id, client_id, date, amount_cents, status, type, venue, city,
      duration_minutes, notes, updated_at)
    select ${importId}, gigs.id, gigs.client_id, gigs.date, gigs.amount_cents, gigs.status, gigs.type, gigs.venue, gigs.city,
      gigs.duration_minutes, gigs.notes, gigs.updated_at
    from gigs join import_keyed k on gigs.dedupe_key = k.dedupe_key and gigs.occurrence = k.occurrence
    where gigs.workspace_id = ${workspaceId} and ${differs}`.execute(trx);
  const updated = affected(
    await sql`update gigs set client_id = k.client_id, date = k.date, amount_cents = k.amount_cents, status = k.status,
        ${set}, updated_at = ${now}
      from import_keyed k
      where gigs.workspace_id = ${workspaceId} and gigs.dedupe_key = k.dedupe_key and gigs.occurrence = k.occurrence
        and ${differs}`.execute(trx),
  );
  const imported = affected(
    await sql`insert into gigs (workspace_id, client_id, date, amount_cents, status, type, venue, city, duration_minutes,
        notes, reference, dedupe_key, occurrence, import_id, created_at, updated_at)
      select ${workspaceId}, k.client_id, k.date, k.amount_cents, k.status, k.type, k.venue, k.city, k.duration_minutes,
        k.notes, k.reference, k.dedupe_key, k.occurrence, ${importId}, ${now}, ${now}
      from import_keyed k
      where not exists (select 1 from gigs g where g.workspace_id = ${workspaceId}
        and g.dedupe_key = k.dedupe_key and g.occurrence = k.occurrence)`.execute(trx),
  );
  await refreshPlannerStatistics(trx, engine, ['gigs']);
  await refreshClientTotals(trx, workspaceId, (db) =>
    db
      .selectFrom('clients')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('name_key', 'in', db.selectFrom('import_rows').select('name_key')),
  );
  await bumpDataVersion(trx, workspaceId);
  return { imported, updated, createdClients: created.rows.map((r) => r.name) };
}

export interface StatsMismatch {
  name: string;
  fileGigs: number | null;
  gigs: number;
  fileRevenueCents: number | null;
  revenueCents: number;
}

/** Clients of this import whose declared statistics disagree with their gigs (only once gigs exist). */
export async function listStatsMismatches(trx: Db, workspaceId: number): Promise<StatsMismatch[]> {
  const anyGig = await trx.selectFrom('gigs').select('id').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst();
  if (!anyGig) return [];
  const rows = await trx
    .selectFrom('clients')
    .select(['name', 'file_gigs', 'gig_count', 'file_revenue_cents', 'revenue_cents'])
    .where('workspace_id', '=', workspaceId)
    .where('name_key', 'in', trx.selectFrom('import_rows').select('name_key'))
    .where((eb) =>
      eb.or([
        eb.and([eb('file_gigs', 'is not', null), eb('file_gigs', '<>', eb.ref('gig_count'))]),
        eb.and([eb('file_revenue_cents', 'is not', null), eb('file_revenue_cents', '<>', eb.ref('revenue_cents'))]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    name: r.name,
    fileGigs: r.file_gigs,
    gigs: Number(r.gig_count),
    fileRevenueCents: r.file_revenue_cents === null ? null : Number(r.file_revenue_cents),
    revenueCents: Number(r.revenue_cents),
  }));
}
