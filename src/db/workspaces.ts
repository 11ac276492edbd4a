import type { Db } from './connection';
import type { Workspace } from './schema';

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  return db.selectFrom('workspaces').selectAll().orderBy('id').execute();
}

export async function getWorkspaceByName(db: Db, name: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function getWorkspace(db: Db, id: number): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createWorkspace(db: Db, name: string, now: Date): Promise<Workspace> {
  return db
    .insertInto('workspaces')
    .values({ name, time_zone: 'Europe/Paris', reference_date: null, settings: '{}', created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateWorkspace(
  db: Db,
  id: number,
  changes: { reference_date?: string | null; time_zone?: string; settings?: string },
): Promise<void> {
  await db
    .updateTable('workspaces')
    .set((eb) => ({ ...changes, data_version: eb('data_version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Marks the workspace's data as changed, in the transaction of the change: every server on
 * the database then drops what it cached for the workspace at its next request.
 */
export async function bumpDataVersion(db: Db, workspaceId: number): Promise<void> {
  await db
    .updateTable('workspaces')
    .set((eb) => ({ data_version: eb('data_version', '+', 1) }))
    .where('id', '=', workspaceId)
    .execute();
}

export async function getWorkspaceByCalendarToken(db: Db, token: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('calendar_token', '=', token).executeTakeFirst();
}

export async function setCalendarToken(db: Db, id: number, token: string): Promise<void> {
  await db.updateTable('workspaces').set({ calendar_token: token }).where('id', '=', id).execute();
}

/** Whether the workspace holds no client (and so no gig): the demo may be loaded into it. */
export async function isWorkspaceEmpty(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('clients').select('id').where('workspace_id', '=', id).limit(1).executeTakeFirst();
  return row === undefined;
}
