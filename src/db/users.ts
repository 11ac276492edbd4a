import { sql } from 'kysely';
import type { Database, Db } from './connection';
import type { Role } from '../contracts/auth';
import { camel, type Camel } from './case';
import type { User as UserRow } from './schema';
import type { Workspace } from './workspaces';

export type User = Camel<UserRow>;

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row && camel(row);
}

export async function insertUser(
  db: Db,
  u: { workspaceId: number; name: string; email: string; passwordHash: string; now: string; role: Role },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      workspace_id: u.workspaceId,
      name: u.name,
      email: u.email.toLowerCase(),
      password_hash: u.passwordHash,
      created_at: u.now,
      role: u.role,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return camel(row);
}

/**
 * Creates the installation's first account, or returns null when one exists already. Two first
 * starts racing each other must not both succeed: PostgreSQL locks the table for the
 * check-then-insert; SQLite writes one transaction at a time already.
 */
export async function createFirstUser(
  database: Database,
  pickWorkspace: (trx: Db) => Promise<Workspace>,
  u: { name: string; email: string; passwordHash: string; now: string },
): Promise<{ user: User; workspace: Workspace } | null> {
  return database.db.transaction().execute(async (trx) => {
    if (database.engine === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
    if ((await countUsers(trx)) > 0) return null;
    const workspace = await pickWorkspace(trx);
    // The account made at first start sets the workspace up.
    const user = await insertUser(trx, { ...u, workspaceId: workspace.id, role: 'owner' });
    return { user, workspace };
  });
}
