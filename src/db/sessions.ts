import type { CompiledQuery, InferResult } from 'kysely';
import type { Db } from './connection';
import type { Role } from '../contracts/auth';
import { workspaceOf, type Workspace } from './workspaces';

export interface SessionAuth {
  user: { id: number; name: string; email: string; role: Role };
  workspace: Workspace;
  csrfToken: string;
}

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: number; csrfToken: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.now, expires_at: s.expiresAt })
    .execute();
}

/** The user and workspace of a live session, in one query: every API request asks. */
export async function findSessionAuth(db: Db, tokenHash: string, now: string): Promise<SessionAuth | undefined> {
  // Built and compiled once per database: building costs more than the lookup itself.
  let compiled = sessionAuthQueries.get(db);
  if (!compiled) {
    compiled = sessionAuthQuery(db, TOKEN_SLOT, NOW_SLOT).compile();
    sessionAuthQueries.set(db, compiled);
  }
  const parameters = compiled.parameters.map((p) => (p === TOKEN_SLOT ? tokenHash : p === NOW_SLOT ? now : p));
  const { rows } = await db.executeQuery<SessionAuthRow>({ ...compiled, parameters });
  const row = rows[0];
  if (!row) return undefined;
  const { csrf_token, user_id, user_name, user_email, user_role, ...workspace } = row;
  return {
    user: { id: user_id, name: user_name, email: user_email, role: user_role },
    workspace: workspaceOf(workspace),
    csrfToken: csrf_token,
  };
}

const TOKEN_SLOT = '\u0000token';
const NOW_SLOT = '\u0000now';
const sessionAuthQueries = new WeakMap<Db, CompiledQuery<SessionAuthRow>>();
type SessionAuthRow = InferResult<ReturnType<typeof sessionAuthQuery>>[number];

function sessionAuthQuery(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
    .select([
      's.csrf_token',
      'u.id as user_id',
      'u.name as user_name',
      'u.email as user_email',
      'u.role as user_role',
      'w.id',
      'w.name',
      'w.time_zone',
      'w.reference_date',
      'w.settings',
      'w.created_at',
      'w.data_version',
      'w.calendar_token',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** How many failures a key has had since `since`, and when the last one was. */
export async function loginFailureStats(db: Db, attemptKey: string, since: string): Promise<{ count: number; last: string | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('attempt_key', '=', attemptKey)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), last: row.last ?? null };
}

/** One failure under each of its keys (the account's, the address's). */
export async function recordLoginFailure(db: Db, attemptKeys: readonly string[], now: string, olderThan: string): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(attemptKeys.map((attempt_key) => ({ attempt_key, at: now })))
    .execute();
  // Failures outside every window are kept no longer than needed.
  await db.deleteFrom('login_failures').where('at', '<=', olderThan).execute();
}

export async function clearLoginFailures(db: Db, attemptKey: string): Promise<void> {
  await db.deleteFrom('login_failures').where('attempt_key', '=', attemptKey).execute();
}
