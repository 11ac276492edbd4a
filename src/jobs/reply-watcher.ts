/**
 * The mailbox watcher (issue 16, docs/decisions/018): the background job that reads the DJ's
 * mailbox for replies to follow-ups. Every web server starts one; only the holder of the
 * `reply-watcher` lease reads (app/leases.ts, docs/decisions/005), so that one database has one
 * watcher however many servers share it. The holder checks each workspace's folder every `pollMs`
 * (a few minutes) and, in between, waits on it with IMAP IDLE where the server offers it, so that a
 * reply shows up within seconds. A server that cannot be reached is tried again later and later
 * (back-off), its error in words in the settings.
 */
import { randomUUID } from 'node:crypto';
import { holdLease, type LeaseHolder } from '../app/leases';
import { checkMailbox, waitForNews, type NewsWait, type ReplyContext } from '../app/replies';
import { getStoredImapSettings, listImapWorkspaceIds } from '../db/replies';
import { sleeper } from './sleeper';

export const REPLY_WATCHER_LEASE = 'reply-watcher';
export const DEFAULT_WATCH_POLL_MS = 3 * 60_000;
export const DEFAULT_WATCH_LEASE_MS = 60_000;
/** The longest wait after failures in a row. */
export const MAX_BACKOFF_MS = 60 * 60_000;
/** Workspaces waited on with IDLE at once (one connection each); the others are polled. */
const MAX_IDLE_CONNECTIONS = 20;

export interface ReplyWatcherOptions {
  pollMs?: number;
  leaseMs?: number;
  owner?: string;
  /** Progress lines (never a message's text nor a secret). */
  log?: (line: string) => void;
}

export interface ReplyWatcher {
  /** True while this process is the one that reads the mailboxes. */
  isWatching(): boolean;
  /** Check now (after the settings changed). */
  kick(): void;
  stop(): Promise<void>;
  /** Resolves once a whole pass started after the call is over (tests). */
  passed(): Promise<void>;
}

/** When a workspace's folder is next due: `pollMs` after the last check, doubled by each failure in a row. */
export function nextCheckAt(lastCheckAt: string | null, failures: number, pollMs: number): number {
  if (lastCheckAt === null) return 0;
  const wait = Math.min(pollMs * 2 ** Math.min(failures, 20), Math.max(pollMs, MAX_BACKOFF_MS));
  return Date.parse(lastCheckAt) + wait;
}

export async function startReplyWatcher(ctx: ReplyContext, options: ReplyWatcherOptions = {}): Promise<ReplyWatcher> {
  const pollMs = options.pollMs ?? DEFAULT_WATCH_POLL_MS;
  const log = options.log ?? (() => {});
  const owner = options.owner ?? randomUUID();
  let stopped = false;
  let kicked = false;
  let passes = 0;
  let waiters: { after: number; resolve: () => void }[] = [];
  let waits: NewsWait[] = [];
  const { sleep, wake } = sleeper(() => kicked || stopped);
  const kick = () => {
    kicked = true;
    wake();
  };

  const lease: LeaseHolder = await holdLease(ctx, {
    name: REPLY_WATCHER_LEASE,
    owner,
    ttlMs: options.leaseMs ?? DEFAULT_WATCH_LEASE_MS,
    onError: (e) => log(`bail non renouvelé : ${e instanceof Error ? e.message : String(e)}`),
    onChange: (held) => {
      if (stopped) return;
      log(held ? 'ce serveur lit les boîtes de réception' : 'ce serveur ne lit plus les boîtes de réception');
      if (held) kick();
    },
  });
  const holds = () => !stopped && lease.holds();

  async function pass(force: boolean): Promise<number> {
    let soonest = Number.POSITIVE_INFINITY;
    for (const id of await listImapWorkspaceIds(ctx.database.db)) {
      if (!holds()) break;
      const row = await getStoredImapSettings(ctx.database.db, id);
      if (!row) continue;
      const due = nextCheckAt(row.lastCheckAt, row.failures, pollMs);
      // A kick or news checks at once, unless the server is failing: its back-off holds.
      const waiting = due > ctx.now().getTime() && !(force && row.failures === 0);
      if (waiting) {
        soonest = Math.min(soonest, due);
        continue;
      }
      try {
        const r = await checkMailbox(ctx, id);
        if (r && r.matched.length > 0) log(`${r.matched.length} réponse(s) reconnue(s) dans « ${r.folder} »`);
        soonest = Math.min(soonest, ctx.now().getTime() + pollMs);
      } catch (e) {
        log(e instanceof Error ? e.message : String(e));
        const after = await getStoredImapSettings(ctx.database.db, id);
        if (after) soonest = Math.min(soonest, nextCheckAt(after.lastCheckAt, after.failures, pollMs));
      }
    }
    return soonest;
  }

  const loop = (async () => {
    let news = false;
    while (!stopped) {
      const n = ++passes;
      const forced = kicked || news;
      kicked = false;
      news = false;
      if (!holds()) {
        await sleep(pollMs);
        continue;
      }
      let soonest = ctx.now().getTime() + pollMs;
      try {
        soonest = await pass(forced);
      } catch (e) {
        log(`erreur de la lecture des réponses : ${e instanceof Error ? e.message : String(e)}`);
      }
      const done = waiters.filter((w) => w.after < n);
      waiters = waiters.filter((w) => w.after >= n);
      for (const w of done) w.resolve();
      if (stopped) break;
      const ids = (await listImapWorkspaceIds(ctx.database.db).catch(() => [])).slice(0, MAX_IDLE_CONNECTIONS);
      waits = ids.map((id) => waitForNews(ctx, id));
      let arrived = false;
      const flag = waits.map((w) => w.arrived.then(() => void (arrived = true)));
      await sleep(Math.max(10, Math.min(pollMs, soonest - ctx.now().getTime())), flag);
      news = arrived;
      const ending = waits;
      waits = [];
      await Promise.all(ending.map((w) => w.cancel()));
    }
  })();

  return {
    isWatching: holds,
    kick,
    async stop() {
      stopped = true;
      wake();
      await Promise.all(waits.map((w) => w.cancel()));
      await loop;
      await lease.stop();
      for (const w of waiters) w.resolve();
      waiters = [];
    },
    passed: () =>
      new Promise<void>((resolve) => {
        waiters.push({ after: passes, resolve });
        kick();
      }),
  };
}
