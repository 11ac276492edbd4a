import type { Db } from './connection';
import type { MailSettingsRow } from './schema';

export async function getMailSettingsRow(db: Db, workspaceId: number): Promise<MailSettingsRow | undefined> {
  return db.selectFrom('mail_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export async function upsertMailSettingsRow(db: Db, row: MailSettingsRow): Promise<void> {
  const { workspace_id: _id, ...changes } = row;
  await db
    .insertInto('mail_settings')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .execute();
}

export async function deleteMailSettingsRow(db: Db, workspaceId: number): Promise<void> {
  await db.deleteFrom('mail_settings').where('workspace_id', '=', workspaceId).execute();
}
