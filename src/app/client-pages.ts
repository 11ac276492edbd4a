/** A client's page (figures, every gig, totals per year, notes) and the editing of its details. */
import { getClientByNameKey, getClientRow, insertClient, updateClientRow, type Client, type ClientUpdate } from '../db/clients';
import { listGigsOfClient, type Gig } from '../db/gigs';
import { listNotesOfClient, type Note } from '../db/notes';
import { clearEmailFailing } from '../db/replies';
import { bumpDataVersion, getWorkspace, type Workspace } from '../db/workspaces';
import type { IsoDate } from '../domain/dates';
import type { Cents } from '../domain/money';
import { nameKey } from '../domain/names';
import type { AppContext } from './context';
import { AppError } from './errors';
import { getPortfolioClient, type PortfolioClient } from './portfolio';

export interface ClientDetails {
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  category: string | null;
}

export interface ClientPage {
  client: PortfolioClient;
  gigs: Gig[];
  totalsByYear: { year: number; gigs: number; revenueCents: Cents }[];
  notes: Note[];
}

function notFound(): AppError {
  return AppError.worded('not_found', 'error.clientNotFound');
}

export async function getClientPage(ctx: AppContext, workspace: Workspace, asOf: IsoDate, id: number): Promise<ClientPage> {
  const client = await getPortfolioClient(ctx, workspace, asOf, id);
  if (!client) throw notFound();
  const db = ctx.database.db;
  const [gigs, notes] = await Promise.all([listGigsOfClient(db, workspace.id, id), listNotesOfClient(db, workspace.id, id)]);
  const years = new Map<number, { year: number; gigs: number; revenueCents: Cents }>();
  // Done gigs up to the reference date, as the client's figures count them.
  for (const g of gigs) {
    if (g.status !== 'done' || g.date > asOf) continue;
    const year = Number(g.date.slice(0, 4));
    const t = years.get(year) ?? { year, gigs: 0, revenueCents: 0 };
    t.gigs += 1;
    t.revenueCents += Number(g.amountCents);
    years.set(year, t);
  }
  return { client, gigs, totalsByYear: [...years.values()].sort((a, b) => b.year - a.year), notes };
}

/** The workspace as it is after a write, so that the cache is read at the new data version. */
async function reloaded(ctx: AppContext, workspace: Workspace): Promise<Workspace> {
  return (await getWorkspace(ctx.database.db, workspace.id)) ?? workspace;
}

function nameTaken(name: string): AppError {
  return AppError.worded('conflict', 'error.clientNameTaken', { name });
}

export async function createClient(ctx: AppContext, workspace: Workspace, asOf: IsoDate, details: ClientDetails): Promise<PortfolioClient> {
  const now = ctx.now().toISOString();
  const key = nameKey(details.name);
  const created = await ctx.database.db.transaction().execute(async (trx) => {
    const same = await getClientByNameKey(trx, workspace.id, key);
    if (same) throw nameTaken(same.name);
    const client = await insertClient(trx, {
      ...details,
      workspaceId: workspace.id,
      nameKey: key,
      notes: null,
      fileGigs: null,
      fileRevenueCents: null,
      createdImportId: null,
      createdAt: now,
      updatedAt: now,
    });
    await bumpDataVersion(trx, workspace.id);
    return client;
  });
  return viewOf(ctx, workspace, asOf, created);
}

export async function updateClient(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  id: number,
  changes: Partial<ClientDetails>,
): Promise<PortfolioClient> {
  const updated = await ctx.database.db.transaction().execute(async (trx) => {
    const client = await getClientRow(trx, workspace.id, id);
    if (!client) throw notFound();
    const set: ClientUpdate = { ...changes, updatedAt: ctx.now().toISOString() };
    if (changes.name !== undefined) {
      const key = nameKey(changes.name);
      const same = await getClientByNameKey(trx, workspace.id, key);
      if (same && same.id !== id) throw nameTaken(same.name);
      set.nameKey = key;
    }
    const row = await updateClientRow(trx, workspace.id, id, set);
    if (changes.email !== undefined && changes.email !== client.email) await clearEmailFailing(trx, workspace.id, id);
    await bumpDataVersion(trx, workspace.id);
    return row ?? client;
  });
  return viewOf(ctx, workspace, asOf, updated);
}

async function viewOf(ctx: AppContext, workspace: Workspace, asOf: IsoDate, client: Client): Promise<PortfolioClient> {
  const view = await getPortfolioClient(ctx, await reloaded(ctx, workspace), asOf, client.id);
  if (!view) throw notFound();
  return view;
}
