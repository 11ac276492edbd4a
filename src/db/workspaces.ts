import type { Selectable } from 'kysely';
import { workspaceSettingsSchema, type WorkspaceSettings } from '../contracts/settings';
import type { Db } from './connection';
import type { WorkspaceTable } from './schema';

/** A workspace, its settings read from their JSON once, here. */
export interface Workspace {
  id: number;
  name: string;
  timeZone: string;
  /** null: the reference date is today in the workspace's time zone. */
  referenceDate: string | null;
  settings: WorkspaceSettings;
  /** Bumped with every write to the workspace's data: the portfolio cache's key. */
  dataVersion: number;
  /** The secret of the workspace's calendar feed URL; null until first asked for. */
  calendarToken: string | null;
  createdAt: string;
}

/**
 * The stored settings, read as before the row type stayed here: settings that no longer match the
 * schema (a hand edit, an older shape) read as none, so that the defaults apply. Text that is not
 * JSON at all is read the same way rather than failing every read of the workspace (it used to fail
 * only the requests that read the settings).
 */
function readSettings(json: string): WorkspaceSettings {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  const parsed = workspaceSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** The settings as stored: checked against the schema (unknown keys dropped), then JSON. */
function writeSettings(settings: WorkspaceSettings): string {
  return JSON.stringify(workspaceSettingsSchema.parse(settings));
}

/** A workspace's row as a workspace; queries that join the table (the session's) read it through this too. */
export function workspaceOf(row: Selectable<WorkspaceTable>): Workspace {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    referenceDate: row.reference_date,
    settings: readSettings(row.settings),
    dataVersion: Number(row.data_version),
    calendarToken: row.calendar_token,
    createdAt: row.created_at,
  };
}

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  return (await db.selectFrom('workspaces').selectAll().orderBy('id').execute()).map(workspaceOf);
}

export async function getWorkspaceByName(db: Db, name: string): Promise<Workspace | undefined> {
  const row = await db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
  return row && workspaceOf(row);
}

export async function getWorkspace(db: Db, id: number): Promise<Workspace | undefined> {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  return row && workspaceOf(row);
}

export async function createWorkspace(db: Db, name: string, now: Date): Promise<Workspace> {
  const row = await db
    .insertInto('workspaces')
    .values({ name, time_zone: 'Europe/Paris', reference_date: null, settings: '{}', created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return workspaceOf(row);
}

export interface WorkspaceChanges {
  referenceDate?: string | null;
  timeZone?: string;
  /** The whole settings: they replace the stored ones. */
  settings?: WorkspaceSettings;
}

export async function updateWorkspace(db: Db, id: number, changes: WorkspaceChanges): Promise<void> {
  await db
    .updateTable('workspaces')
    .set((eb) => ({
      ...(changes.referenceDate !== undefined ? { reference_date: changes.referenceDate } : {}),
      ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
      ...(changes.settings !== undefined ? { settings: writeSettings(changes.settings) } : {}),
      data_version: eb('data_version', '+', 1),
    }))
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
  const row = await db.selectFrom('workspaces').selectAll().where('calendar_token', '=', token).executeTakeFirst();
  return row && workspaceOf(row);
}

export async function setCalendarToken(db: Db, id: number, token: string): Promise<void> {
  await db.updateTable('workspaces').set({ calendar_token: token }).where('id', '=', id).execute();
}

/** Whether the workspace holds no client (and so no gig): the demo may be loaded into it. */
export async function isWorkspaceEmpty(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('clients').select('id').where('workspace_id', '=', id).limit(1).executeTakeFirst();
  return row === undefined;
}
