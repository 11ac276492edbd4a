/**
 * The segmented portfolio of a workspace as of a date, computed once and shared by the
 * overview, the lists and the client pages until the workspace's data version moves. The
 * version lives in the database and is bumped by every write, so several servers on one
 * database stay correct: each notices the change at its next request.
 */
import type { Database } from '../db/connection';
import { listNextBookings } from '../db/gigs';
import type { Workspace } from '../db/workspaces';
import type { GigStatus } from '../domain/gigs';
import type { IsoDate } from '../domain/dates';
import { nameKey } from '../domain/names';
import { compareClients, inSegment, type ClientSort, type SegmentFilter } from '../domain/segments';
import { clientJson } from '../contracts/clients';
import type { AppContext } from './context';
import { listClients, overviewOf, type ClientView, type Overview } from './portfolio';
import { forecastClientOf, prepareWorkspaceForecast, type ClientForecast, type Forecast, type PreparedForecast } from './predictions';

export interface PortfolioClient extends ClientView {
  /** The next confirmed or optional gig on or after the reference date. */
  upcoming: { date: IsoDate; status: GigStatus } | null;
}

interface Entry {
  client: PortfolioClient;
  /** Normalised name, contact and city, for the search. */
  searchText: string;
}

interface Snapshot {
  asOf: IsoDate;
  views: ClientView[];
  /** Fitted on first use after each change of the data (an import, a booking…), then shared. */
  forecast?: Promise<PreparedForecast>;
  overview: Overview;
  byId: Map<number, Entry>;
  /** Lists by sort and segment, made on first use: a page is then a slice. */
  lists: Map<string, Entry[]>;
}

/** A handful of reference dates per workspace at most: the cache stays bounded whatever asks. */
const MAX_SNAPSHOTS = 64;

const caches = new WeakMap<Database, Map<string, { version: number; snapshot: Promise<Snapshot> }>>();

async function buildSnapshot(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Snapshot> {
  const [views, next] = await Promise.all([
    listClients(ctx, workspace, asOf, { sort: 'name' }),
    listNextBookings(ctx.database.db, workspace.id, asOf),
  ]);
  const entries = views.map((view): Entry => ({
    client: { ...view, upcoming: next.get(view.id) ?? null },
    searchText: [view.name, view.contact, view.city]
      .filter((x) => x)
      .map((x) => nameKey(String(x)))
      .join('\n'),
  }));
  return {
    asOf,
    views,
    overview: overviewOf(asOf, views),
    byId: new Map(entries.map((e) => [e.client.id, e])),
    lists: new Map([['name|', entries]]),
  };
}

function snapshotOf(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Snapshot> {
  let cache = caches.get(ctx.database);
  if (!cache) {
    cache = new Map();
    caches.set(ctx.database, cache);
  }
  const key = `${workspace.id}|${asOf}`;
  const found = cache.get(key);
  // Least recently used last: a hit moves the entry to the end of the map's order.
  cache.delete(key);
  if (found && found.version === workspace.dataVersion) {
    cache.set(key, found);
    return found.snapshot;
  }
  // The promise is shared, so that concurrent requests on a cold cache compute it once.
  const entry = { version: workspace.dataVersion, snapshot: buildSnapshot(ctx, workspace, asOf) };
  cache.set(key, entry);
  const owner = cache;
  entry.snapshot.catch(() => {
    if (owner.get(key) === entry) owner.delete(key);
  });
  if (cache.size > MAX_SNAPSHOTS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return entry.snapshot;
}

export async function getCachedOverview(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Overview> {
  return (await snapshotOf(ctx, workspace, asOf)).overview;
}

export interface ClientQuery {
  segment?: SegmentFilter;
  sort: ClientSort;
  q?: string;
  limit: number;
  offset: number;
}

export async function listPortfolioClients(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  query: ClientQuery,
): Promise<{ total: number; clients: PortfolioClient[] }> {
  const snapshot = await snapshotOf(ctx, workspace, asOf);
  const list = listOf(snapshot, query.sort, query.segment);
  const needle = query.q ? nameKey(query.q) : '';
  const chosen = needle ? list.filter((e) => e.searchText.includes(needle)) : list;
  return { total: chosen.length, clients: chosen.slice(query.offset, query.offset + query.limit).map((e) => e.client) };
}

function listOf(snapshot: Snapshot, sort: ClientSort, segment: SegmentFilter | undefined): Entry[] {
  const key = `${sort}|${segment ?? ''}`;
  let list = snapshot.lists.get(key);
  if (!list) {
    if (segment) {
      list = listOf(snapshot, sort, undefined).filter((e) => inSegment(e.client.segment, segment));
    } else {
      const compare = compareClients<PortfolioClient>(sort);
      list = [...(snapshot.lists.get('name|') ?? [])].sort((a, b) => compare(a.client, b.client));
    }
    snapshot.lists.set(key, list);
  }
  return list;
}

export async function getPortfolioClient(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  id: number,
): Promise<PortfolioClient | undefined> {
  return (await snapshotOf(ctx, workspace, asOf)).byId.get(id)?.client;
}

/** The fits of a workspace, once per data version and reference date; clients are predicted as pages ask. */
function forecastOfSnapshot(ctx: AppContext, workspace: Workspace, snapshot: Snapshot): Promise<PreparedForecast> {
  snapshot.forecast ??= prepareWorkspaceForecast(ctx, workspace, snapshot.asOf);
  return snapshot.forecast;
}

/** One page of predictions, in the order and with the filters of listPortfolioClients. */
export async function listPortfolioPredictions(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  query: ClientQuery,
): Promise<{ asOf: IsoDate; model: Forecast['model']; total: number; clients: ClientForecast[] }> {
  const forecast = await forecastOfSnapshot(ctx, workspace, await snapshotOf(ctx, workspace, asOf));
  const page = await listPortfolioClients(ctx, workspace, asOf, query);
  return { asOf, model: forecast.model, total: page.total, clients: page.clients.map((c) => forecast.clientForecast(forecastClientOf(c))) };
}

/** A client's prediction (null when the client is unknown) and the fit it comes from. */
export async function getCachedPrediction(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  id: number,
): Promise<{ model: Forecast['model']; prediction: ClientForecast | null }> {
  const snapshot = await snapshotOf(ctx, workspace, asOf);
  const forecast = await forecastOfSnapshot(ctx, workspace, snapshot);
  const client = snapshot.byId.get(id)?.client;
  return { model: forecast.model, prediction: client ? forecast.clientForecast(forecastClientOf(client)) : null };
}

const clientJsonTexts = new WeakMap<PortfolioClient, string>();

/**
 * A cached client's JSON, made once: the portfolio cache's clients do not change (a write makes
 * a new snapshot), and serialising 50 of them per list request is most of its cost.
 */
export function clientJsonText(c: PortfolioClient): string {
  let text = clientJsonTexts.get(c);
  if (text === undefined) {
    text = JSON.stringify(clientJson(c));
    clientJsonTexts.set(c, text);
  }
  return text;
}
