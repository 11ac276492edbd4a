import { camel, snake, type Camel } from './case';
import type { Db } from './connection';
import type { MailSettingsRow } from './schema';

/** A workspace's SMTP settings as stored: `secure` 1 or 0, the password sealed by the app's secret box. */
export type StoredMailSettings = Camel<MailSettingsRow>;

export async function getMailSettingsRow(db: Db, workspaceId: number): Promise<StoredMailSettings | undefined> {
  const row = await db.selectFrom('mail_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row && camel(row);
}

export async function upsertMailSettingsRow(db: Db, settings: StoredMailSettings): Promise<void> {
  const row = snake<MailSettingsRow>(settings);
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
