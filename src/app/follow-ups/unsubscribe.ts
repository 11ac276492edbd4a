/**
 * "Ne plus contacter": the user's choice, and the unsubscribe link each e-mail carries (its
 * secret token, the page that names who it is for, and the opt-out itself).
 */
import { randomBytes } from 'node:crypto';
import { getClientRow } from '../../db/clients';
import type { Db } from '../../db/connection';
import { ensureContactPrefs, getContactPrefsByToken, setOptedOut } from '../../db/follow-ups';
import { getWorkspace, type Workspace } from '../../db/workspaces';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { requireClient } from './record';

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The client's unsubscribe secret, created at first use. */
export async function unsubscribeTokenOf(db: Db, workspaceId: number, clientId: number): Promise<string> {
  return (await ensureContactPrefs(db, workspaceId, clientId, newToken())).unsubscribeToken;
}

/** "Ne plus contacter" (or contact again): no follow-up of any channel reaches an opted-out client. */
export async function setDoNotContact(
  ctx: AppContext,
  workspace: Workspace,
  clientId: number,
  doNotContact: boolean,
): Promise<{ clientId: number; doNotContact: boolean }> {
  const db = ctx.database.db;
  await requireClient(db, workspace, clientId);
  await ensureContactPrefs(db, workspace.id, clientId, newToken());
  await setOptedOut(db, clientId, doNotContact ? ctx.now().toISOString() : null, doNotContact ? 'user' : null);
  return { clientId, doNotContact };
}

const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

/** The client an unsubscribe token names, with its preferences; null for a token that names no one. */
async function findUnsubscribeLink(db: Db, token: string) {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
  const prefs = await getContactPrefsByToken(db, token);
  const client = prefs ? await getClientRow(db, prefs.workspaceId, prefs.clientId) : undefined;
  return prefs && client ? { prefs, client } : null;
}

/** Who an unsubscribe link is for, read only: a GET (a link checker, a mail preview) never opts anyone out. */
export async function getUnsubscribeLink(
  ctx: AppContext,
  token: string,
): Promise<{ clientName: string; sender: string | null; optedOut: boolean } | null> {
  const found = await findUnsubscribeLink(ctx.database.db, token);
  if (!found) return null;
  const workspace = await getWorkspace(ctx.database.db, found.prefs.workspaceId);
  const djName = workspace ? workspace.settings.djName?.trim() : undefined;
  return { clientName: found.client.name, sender: djName || null, optedOut: found.prefs.optedOutAt !== null };
}

/** The unsubscribe link (route `/unsubscribe/:token`, no session: the token is the key). */
export async function unsubscribeWithToken(ctx: AppContext, token: string): Promise<{ clientName: string; alreadyDone: boolean }> {
  const found = await findUnsubscribeLink(ctx.database.db, token);
  if (!found) throw AppError.worded('not_found', 'error.unsubscribeUnknown');
  if (found.prefs.optedOutAt) return { clientName: found.client.name, alreadyDone: true };
  await setOptedOut(ctx.database.db, found.prefs.clientId, ctx.now().toISOString(), 'unsubscribe_link');
  return { clientName: found.client.name, alreadyDone: false };
}
