import type { Db } from './connection';
import { camel, type Camel } from './case';
import type { Note as NoteRow } from './schema';

export type Note = Camel<NoteRow>;

export async function listNotesOfClient(db: Db, workspaceId: number, clientId: number): Promise<Note[]> {
  const rows = await db
    .selectFrom('notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => camel(r));
}

export async function getNote(db: Db, workspaceId: number, id: number): Promise<Note | undefined> {
  const row = await db.selectFrom('notes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && camel(row);
}

export async function insertNote(db: Db, n: { workspaceId: number; clientId: number; text: string; now: string }): Promise<Note> {
  const row = await db
    .insertInto('notes')
    .values({ workspace_id: n.workspaceId, client_id: n.clientId, text: n.text, created_at: n.now, updated_at: n.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return camel(row);
}

export async function updateNoteText(db: Db, workspaceId: number, id: number, text: string, now: string): Promise<Note | undefined> {
  const row = await db
    .updateTable('notes')
    .set({ text, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && camel(row);
}

export async function deleteNote(db: Db, workspaceId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('notes').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
