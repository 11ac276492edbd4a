/**
 * The one way to read a workspace's portfolio as of a date, for the CLI, the server, the jobs and
 * the other use-cases: the overview, the client lists (paged), one client, the ids of a segment,
 * and every client of a segment for work over the whole portfolio (a report, the weekly alert, a
 * fit). The portfolio is segmented once per workspace and date and shared until the workspace's
 * data version moves. The version lives in the database and is bumped by every write, so several
 * processes on one database stay correct: each notices the change at its next read. The workspace
 * handed in must be current (read for this request, or read again after a write of one's own).
 */
import type { Database } from '../db/connection';
import { listClientsWithTotals, type ClientWithTotals } from '../db/clients';
import { listNextBookings } from '../db/gigs';
import type { Workspace } from '../db/workspaces';
import type { GigStatus } from '../domain/gigs';
import type { IsoDate } from '../domain/dates';
import { nameKey } from '../domain/names';
import {
  CLIENT_STATUSES,
  compareClients,
  inSegment,
  segmentClient,
  type ClientSegment,
  type ClientSort,
  type ClientStatus,
  type SegmentFilter,
} from '../domain/segments';
import { clientJson, MAX_PAGE } from '../contracts/clients';
import type { AppContext } from './context';
import { thresholdsOf } from './settings';

export interface ClientView extends Omit<
  ClientWithTotals,
  'gigs' | 'revenueCents' | 'firstDate' | 'lastDate' | 'priceMinCents' | 'priceMaxCents'
> {
  segment: ClientSegment;
}

export interface PortfolioClient extends ClientView {
  /** The next confirmed or optional gig on or after the reference date. */
  upcoming: { date: IsoDate; status: GigStatus } | null;
}

export interface Overview {
  asOf: IsoDate;
  clients: number;
  gigs: number;
  revenueCents: number;
  vip: number;
  statuses: Record<ClientStatus, number>;
}

/** A list's order and filters. */
export interface ClientFilter {
  segment?: SegmentFilter;
  sort?: ClientSort;
  /** Words of the name, contact or city, accents and case aside. */
  q?: string;
}

/** A page of a list: at most MAX_PAGE clients (100 unless asked). */
export interface ClientQuery extends ClientFilter {
  limit?: number;
  offset?: number;
}

export interface ClientPage {
  asOf: IsoDate;
  /** How many clients the filters keep, whatever the page. */
  total: number;
  clients: readonly PortfolioClient[];
}

const DEFAULT_PAGE = 100;

interface Entry {
  client: PortfolioClient;
  /** Normalised name, contact and city, for the search. */
  searchText: string;
  /** The client's JSON in a list (`clientJson`), made on first use. */
  json?: string;
}

interface Snapshot {
  asOf: IsoDate;
  overview: Overview;
  byId: Map<number, Entry>;
  /** Lists by sort and segment, made on first use: a page is then a slice. */
  lists: Map<string, Entry[]>;
  /** Answers of GET /api/clients by query, serialised and encoded once (a bounded number of them). */
  pageTexts: Map<string, Buffer>;
  pageBytes: number;
  /** What other use-cases compute from this portfolio (the predictions' fit), dropped with it. */
  derived: Map<string, Promise<unknown>>;
}

/** A handful of reference dates per workspace at most: the cache stays bounded whatever asks. */
const MAX_SNAPSHOTS = 64;
/** Bytes of pages kept serialised per snapshot: the first pages of each list are what is asked again and again. */
const MAX_PAGE_BYTES = 2_000_000;

const caches = new WeakMap<Database, Map<string, { version: number; snapshot: Promise<Snapshot> }>>();

async function buildSnapshot(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Snapshot> {
  const thresholds = thresholdsOf(workspace.settings);
  const [rows, next] = await Promise.all([
    listClientsWithTotals(ctx.database.db, workspace.id, asOf),
    listNextBookings(ctx.database.db, workspace.id, asOf),
  ]);
  const clients = rows.map(({ gigs, revenueCents, firstDate, lastDate, priceMinCents, priceMaxCents, ...client }): PortfolioClient => ({
    ...client,
    segment: segmentClient({ gigs, revenueCents, firstDate, lastDate, priceMinCents, priceMaxCents }, asOf, thresholds),
    upcoming: next.get(client.id) ?? null,
  }));
  const entries = clients.sort(compareClients('name')).map((client): Entry => ({
    client,
    searchText: [client.name, client.contact, client.city]
      .filter((x) => x)
      .map((x) => nameKey(String(x)))
      .join('\n'),
  }));
  return {
    asOf,
    overview: overviewOf(asOf, clients),
    byId: new Map(entries.map((e) => [e.client.id, e])),
    lists: new Map([['name|', entries]]),
    pageTexts: new Map(),
    pageBytes: 0,
    derived: new Map(),
  };
}

function overviewOf(asOf: IsoDate, clients: readonly ClientView[]): Overview {
  const statuses = Object.fromEntries(CLIENT_STATUSES.map((s) => [s, 0])) as Record<ClientStatus, number>;
  let gigs = 0;
  let revenueCents = 0;
  let vip = 0;
  for (const c of clients) {
    statuses[c.segment.status] += 1;
    gigs += c.segment.stats.gigs;
    revenueCents += c.segment.stats.revenueCents;
    if (c.segment.vip) vip += 1;
  }
  return { asOf, clients: clients.length, gigs, revenueCents, vip, statuses };
}

function snapshotOf(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Snapshot> {
  let cache = caches.get(ctx.database);
  if (!cache) {
    cache = new Map();
    caches.set(ctx.database, cache);
  }
  const key = `${workspace.id}|${asOf}`;
  const found = cache.get(key);
  if (found && found.version === workspace.dataVersion) {
    // Least recently used first in the map's order: a hit moves the entry to the end.
    if (cache.size > 1) {
      cache.delete(key);
      cache.set(key, found);
    }
    return found.snapshot;
  }
  cache.delete(key);
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

function filtered(snapshot: Snapshot, filter: ClientFilter): Entry[] {
  const list = listOf(snapshot, filter.sort ?? 'name', filter.segment);
  const needle = filter.q ? nameKey(filter.q) : '';
  return needle ? list.filter((e) => e.searchText.includes(needle)) : list;
}

function pageOf(snapshot: Snapshot, query: ClientQuery): { total: number; entries: Entry[] } {
  const chosen = filtered(snapshot, query);
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
  const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
  return { total: chosen.length, entries: chosen.slice(offset, offset + limit) };
}

export async function getOverview(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Overview> {
  return (await snapshotOf(ctx, workspace, asOf)).overview;
}

/** One page of a list, and how many clients the filters keep. */
export async function listClients(ctx: AppContext, workspace: Workspace, asOf: IsoDate, query: ClientQuery = {}): Promise<ClientPage> {
  const { total, entries } = pageOf(await snapshotOf(ctx, workspace, asOf), query);
  return { asOf, total, clients: entries.map((e) => e.client) };
}

/**
 * The same page as `clientListSchema`'s JSON (`{ asOf, total, clients }`) in UTF-8, serialised once
 * per data version: the lists' first pages are asked far more often than the data changes.
 */
export async function listClientsJson(ctx: AppContext, workspace: Workspace, asOf: IsoDate, query: ClientQuery = {}): Promise<Buffer> {
  const snapshot = await snapshotOf(ctx, workspace, asOf);
  const key = JSON.stringify([query.segment, query.sort ?? 'name', query.q, query.limit, query.offset]);
  let bytes = snapshot.pageTexts.get(key);
  if (bytes === undefined) {
    const { total, entries } = pageOf(snapshot, query);
    const clients = entries.map((e) => (e.json ??= JSON.stringify(clientJson(e.client)))).join(',');
    bytes = Buffer.from(`{"asOf":${JSON.stringify(asOf)},"total":${total},"clients":[${clients}]}`);
    if (snapshot.pageBytes + bytes.length <= MAX_PAGE_BYTES) {
      snapshot.pageTexts.set(key, bytes);
      snapshot.pageBytes += bytes.length;
    }
  }
  return bytes;
}

/**
 * Every client a filter keeps, in its order: for work over the whole portfolio (the report, the
 * weekly alert, the predictions' fit, following up every lapsed VIP), not for a list someone reads
 * (that one is paged: listClients). Shared with the cache: read it, never change it.
 */
export async function listAllClients(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  filter: ClientFilter = {},
): Promise<readonly PortfolioClient[]> {
  return filtered(await snapshotOf(ctx, workspace, asOf), filter).map((e) => e.client);
}

/** The ids of a segment's clients, in increasing order (the KPIs' active share names them). */
export async function listClientIds(ctx: AppContext, workspace: Workspace, asOf: IsoDate, segment: SegmentFilter): Promise<number[]> {
  return listOf(await snapshotOf(ctx, workspace, asOf), 'name', segment)
    .map((e) => e.client.id)
    .sort((a, b) => a - b);
}

export async function getPortfolioClient(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  id: number,
): Promise<PortfolioClient | undefined> {
  return (await snapshotOf(ctx, workspace, asOf)).byId.get(id)?.client;
}

/**
 * A value computed from the portfolio as of a date (the predictions' fit), made once per data
 * version and dropped with the portfolio at the next change.
 */
export async function derivedFromPortfolio<T>(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  const snapshot = await snapshotOf(ctx, workspace, asOf);
  let value = snapshot.derived.get(name) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    snapshot.derived.set(name, value);
    value.catch(() => {
      if (snapshot.derived.get(name) === value) snapshot.derived.delete(name);
    });
  }
  return value;
}
