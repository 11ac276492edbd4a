/** Dated notes on a client (the guide's "Ajouter note"). */
import { getClientRow } from '../db/clients';
import { deleteNote, insertNote, updateNoteText, type Note } from '../db/notes';
import type { Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError } from './errors';
import type { Note as NoteJson } from '../contracts/clients';

export function noteJson(n: Note): NoteJson {
  return { id: n.id, text: n.text, createdAt: n.createdAt, updatedAt: n.updatedAt };
}

function noteNotFound(): AppError {
  return AppError.worded('not_found', 'error.noteNotFound');
}

export async function addNote(ctx: AppContext, workspace: Workspace, clientId: number, text: string): Promise<Note> {
  const db = ctx.database.db;
  if (!(await getClientRow(db, workspace.id, clientId))) throw AppError.worded('not_found', 'error.clientNotFound');
  return insertNote(db, { workspaceId: workspace.id, clientId, text, now: ctx.now().toISOString() });
}

export async function editNote(ctx: AppContext, workspace: Workspace, id: number, text: string): Promise<Note> {
  const note = await updateNoteText(ctx.database.db, workspace.id, id, text, ctx.now().toISOString());
  if (!note) throw noteNotFound();
  return note;
}

export async function removeNote(ctx: AppContext, workspace: Workspace, id: number): Promise<void> {
  if (!(await deleteNote(ctx.database.db, workspace.id, id))) throw noteNotFound();
}
