/**
 * Holding a lease: the way a job that must run once per database (the outbox sender; later the
 * weekly alert and the mailbox watcher) runs in every process with the default settings while only
 * one of them does the work. Each process tries to take the lease and, once it has it, renews it
 * well before it expires; a process that stops gives it up, one that dies loses it at its expiry and
 * another takes over. See docs/decisions/005.
 */
import { randomUUID } from 'node:crypto';
import { acquireLease, releaseLease } from '../db/leases';
import type { AppContext } from './context';

export interface LeaseOptions {
  /** The job's name: one holder per name and database. */
  name: string;
  /** Defaults to a new random id; a process may hold several leases under one owner. */
  owner?: string;
  /** How long the lease lasts without renewal (a dead holder is replaced after at most this). */
  ttlMs: number;
  /** How often the lease is renewed, or tried for while another holds it; default a third of ttlMs. */
  renewMs?: number;
  /** Told when this process becomes the holder (true) or stops being it (false). */
  onChange?: (held: boolean) => void;
  /** A failed attempt (the database refused it): the lease lapses if it lasts. */
  onError?: (e: unknown) => void;
}

export interface LeaseHolder {
  readonly name: string;
  readonly owner: string;
  /** True while this process holds the lease: it was renewed and has not expired since. */
  holds(): boolean;
  /** Tries at once (rather than at the next renewal) and tells whether the lease is held. */
  refresh(): Promise<boolean>;
  /** Stops renewing and gives the lease up. */
  stop(): Promise<void>;
}

export async function holdLease(ctx: AppContext, options: LeaseOptions): Promise<LeaseHolder> {
  const owner = options.owner ?? randomUUID();
  const renewMs = options.renewMs ?? Math.max(10, Math.floor(options.ttlMs / 3));
  // Until when we may act as the holder: counted from before the write that took the lease, so
  // that we stop believing we hold it no later than the database thinks it expired.
  let heldUntil = 0;
  let wasHeld = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<boolean> | null = null;

  const holds = () => !stopped && ctx.now().getTime() < heldUntil;
  const tell = () => {
    const now = holds();
    if (now !== wasHeld) {
      wasHeld = now;
      options.onChange?.(now);
    }
  };
  const attempt = async (): Promise<boolean> => {
    const started = ctx.now();
    const until = started.getTime() + options.ttlMs;
    try {
      const got = await acquireLease(ctx.database.db, options.name, owner, started.toISOString(), new Date(until).toISOString());
      heldUntil = got && !stopped ? until : 0;
    } catch (e) {
      // Keep what we had: the lease lapses by itself if the database stays unreachable.
      options.onError?.(e);
    }
    tell();
    return holds();
  };
  const refresh = () => (inFlight ??= attempt().finally(() => (inFlight = null)));
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void refresh().finally(schedule);
    }, renewMs);
    // A lease must not keep a process alive on its own.
    timer.unref();
  };

  await refresh();
  schedule();
  return {
    name: options.name,
    owner,
    holds,
    refresh,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
      heldUntil = 0;
      tell();
      // Deletes only our own row: nothing happens if another owner has it by now.
      await releaseLease(ctx.database.db, options.name, owner).catch((e: unknown) => options.onError?.(e));
    },
  };
}
