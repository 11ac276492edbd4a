/**
 * Accounts and sessions: the owner's account on first start, sign-in with a rate limit on
 * failures, sessions kept in the database under a hash of their token, and `users add`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import {
  clearLoginFailures,
  loginFailureStats,
  deleteExpiredSessions,
  deleteSession,
  findSessionAuth,
  insertSession,
  recordLoginFailure,
  type SessionAuth,
} from '../db/sessions';
import { countUsers, createFirstUser, getUserByEmail, insertUser, type User } from '../db/users';
import { createWorkspace, getWorkspace, getWorkspaceByName, listWorkspaces, type Workspace } from '../db/workspaces';
import type { Role } from '../contracts/auth';
import type { AppContext } from './context';
import { AppError } from './errors';
import { DEFAULT_WORKSPACE } from './workspace';

export { MIN_PASSWORD_LENGTH } from '../contracts/auth';
import { MIN_PASSWORD_LENGTH } from '../contracts/auth';
export const SESSION_DAYS = 30;
export const LOGIN_WINDOW_MINUTES = 15;

/**
 * OWASP's argon2id baseline: 19 MiB, 2 passes (about 70 ms a hash on the target machine).
 * `2` is the package's `Algorithm.Argon2id`, a const enum that isolated modules cannot read.
 */
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Verified against when the e-mail is unknown, so that the answer takes as long either way. */
let decoyHash: Promise<string> | undefined;

export interface SignedIn {
  /** The session cookie's value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: number; name: string; email: string; role: Role };
  workspace: { id: number; name: string };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

async function openSession(ctx: AppContext, user: User, workspace: { id: number; name: string }): Promise<SignedIn> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const db = ctx.database.db;
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken,
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: user.id, name: user.name, email: user.email, role: user.role },
    workspace: { id: workspace.id, name: workspace.name },
  };
}

export async function needsSetup(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.database.db)) === 0;
}

/**
 * The owner's account on first start. It takes over the data the CLI may have imported before
 * (the only workspace, or the default one); 409 once any account exists.
 */
export async function setupOwner(ctx: AppContext, input: { name: string; email: string; password: string }): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const created = await createFirstUser(
    ctx.database,
    async (trx): Promise<Workspace> => {
      const all = await listWorkspaces(trx);
      if (all.length === 1 && all[0]) return all[0];
      return (await getWorkspaceByName(trx, DEFAULT_WORKSPACE)) ?? createWorkspace(trx, DEFAULT_WORKSPACE, now);
    },
    { name: input.name, email: input.email, passwordHash, now: now.toISOString() },
  );
  if (!created) throw AppError.worded('conflict', 'error.alreadySetUp');
  return openSession(ctx, created.user, created.workspace);
}

/**
 * Failed sign-ins are limited twice (docs/decisions/007). Per address: past ADDRESS_MAX_FAILURES in
 * the window, that address may not try again until its oldest failure leaves the window. Per
 * account, whatever the address: past ACCOUNT_FREE_FAILURES, each further try waits a delay that
 * doubles up to ACCOUNT_MAX_DELAY_MS. The account is slowed down, never locked: its owner waits
 * a minute at most, and an attacker gets about one guess a minute however many addresses he has.
 */
export const ADDRESS_MAX_FAILURES = 20;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_FIRST_DELAY_MS = 5_000;
export const ACCOUNT_MAX_DELAY_MS = 60_000;

/** How long after its last failure an account with `failures` recent failures may be tried again. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_MAX_DELAY_MS, ACCOUNT_FIRST_DELAY_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES));
}

export async function signIn(ctx: AppContext, input: { email: string; password: string; address: string }): Promise<SignedIn> {
  const db = ctx.database.db;
  const email = input.email.trim().toLowerCase();
  const accountKey = `account:${email}`;
  const addressKey = `address:${input.address}`;
  const now = ctx.now();
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  if ((await loginFailureStats(db, addressKey, windowStart)).count >= ADDRESS_MAX_FAILURES) {
    throw AppError.worded('rate_limited', 'error.tooManyFromAddress', { minutes: LOGIN_WINDOW_MINUTES });
  }
  const account = await loginFailureStats(db, accountKey, windowStart);
  const waitMs = account.last === null ? 0 : Date.parse(account.last) + accountDelayMs(account.count) - now.getTime();
  if (waitMs > 0) {
    // Even the right password waits: answering it would tell a guess right.
    throw AppError.worded('rate_limited', 'error.tooManyForAccount', { seconds: Math.ceil(waitMs / 1000) });
  }
  const user = await getUserByEmail(db, email);
  decoyHash ??= hashPassword(randomToken());
  const valid = await verify(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !valid) {
    await recordLoginFailure(db, [accountKey, addressKey], now.toISOString(), windowStart);
    throw AppError.worded('unauthorized', 'error.credentials');
  }
  await clearLoginFailures(db, accountKey);
  const workspace = await getWorkspace(db, user.workspaceId);
  if (!workspace) throw AppError.worded('unauthorized', 'error.credentials');
  return openSession(ctx, user, workspace);
}

export async function signOut(ctx: AppContext, token: string): Promise<void> {
  await deleteSession(ctx.database.db, tokenHash(token));
}

/** The session a cookie opens, if it is still valid. */
export async function authenticate(ctx: AppContext, token: string): Promise<SessionAuth | undefined> {
  return findSessionAuth(ctx.database.db, tokenHash(token), ctx.now().toISOString());
}

/**
 * `djbooker users add`: an account in the workspace named (created when missing), or in a new
 * workspace named after the user. Whoever creates a workspace owns it; joining one makes a member
 * unless `role` says owner.
 */
export async function addUser(
  ctx: AppContext,
  input: { name: string; email: string; password: string; workspace?: string; role?: Role },
): Promise<{ user: User; workspace: Workspace; createdWorkspace: boolean }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw AppError.worded('invalid_input', 'error.auth.shortPassword', { min: MIN_PASSWORD_LENGTH });
  }
  const db = ctx.database.db;
  if (await getUserByEmail(db, input.email)) throw AppError.worded('conflict', 'error.auth.accountExists', { email: input.email });
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return db.transaction().execute(async (trx) => {
    const workspaceName = input.workspace ?? input.name;
    const existing = await getWorkspaceByName(trx, workspaceName);
    if (existing && input.workspace === undefined) {
      throw AppError.worded('conflict', 'error.auth.workspaceExists', { name: workspaceName });
    }
    const workspace = existing ?? (await createWorkspace(trx, workspaceName, now));
    const role = input.role ?? (existing ? 'member' : 'owner');
    const user = await insertUser(trx, {
      workspaceId: workspace.id,
      name: input.name,
      email: input.email,
      passwordHash,
      now: now.toISOString(),
      role,
    });
    return { user, workspace, createdWorkspace: !existing };
  });
}
