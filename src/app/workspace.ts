import { calendarDateIn, isIsoDate, type IsoDate } from '../domain/dates';
import { createWorkspace, getWorkspaceByName, listWorkspaces, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError } from './errors';

export const DEFAULT_WORKSPACE = 'default';

/**
 * The workspace a command works on: the one named, or the only one there is. With several
 * and none named, it is a usage error; `create` makes a missing one (imports, demo).
 */
export async function resolveWorkspace(ctx: AppContext, name: string | undefined, create: boolean): Promise<Workspace> {
  const db = ctx.database.db;
  if (name !== undefined) {
    const found = await getWorkspaceByName(db, name);
    if (found) return found;
    if (create) return createWorkspace(db, name, ctx.now());
    throw AppError.worded('not_found', 'error.workspace.unknown', { name });
  }
  const all = await listWorkspaces(db);
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) {
    if (create) return createWorkspace(db, DEFAULT_WORKSPACE, ctx.now());
    throw AppError.worded('not_found', 'error.workspace.noData');
  }
  throw AppError.worded('ambiguous_workspace', 'error.workspace.ambiguous', { names: all.map((w) => w.name).join(', ') });
}

/** The reference date: the one asked for, else the workspace's fixed one, else today in its time zone. */
export function referenceDateOf(ctx: AppContext, workspace: Workspace, asked?: string): IsoDate {
  if (asked !== undefined) {
    if (!isIsoDate(asked)) throw AppError.worded('usage', 'error.workspace.badReferenceDate', { date: asked });
    return asked;
  }
  return workspace.referenceDate ?? calendarDateIn(workspace.timeZone, ctx.now());
}

/**
 * Today in the workspace's time zone, from the clock: the date of everything that happens (a
 * follow-up, its cadence, the free dates a message offers, a booking's checks). The reference
 * date above is for looking at the figures as of another day, and never reaches them.
 */
export function todayOf(ctx: AppContext, workspace: Workspace): IsoDate {
  return calendarDateIn(workspace.timeZone, ctx.now());
}
