/**
 * The weekly alert's job: every web server starts one, and the holder of the `weekly-alert` lease
 * (app/leases.ts) looks, at start and then every `pollMs` (one minute), whether a workspace's alert
 * is due and not yet in the outbox, and puts it there (app/weekly-alert.ts); the outbox sender sends
 * it. The lease keeps the work to one server; the outbox's unique key per workspace and week keeps
 * the alert to one per week even if two servers ever did it at once. A server that was down at the
 * hour queues that week's alert at its next start, once. The clock is the context's (tests move it).
 */
import { randomUUID } from 'node:crypto';
import { holdLease } from '../app/leases';
import type { MailContext } from '../app/mailer';
import { enqueueDueAlerts, type AlertRun } from '../app/weekly-alert';
import { sleeper } from './sleeper';

export const WEEKLY_ALERT_LEASE = 'weekly-alert';
export const DEFAULT_ALERT_POLL_MS = 60_000;
export const DEFAULT_ALERT_LEASE_MS = 180_000;

export interface WeeklyAlertOptions {
  /** How often the holder looks for a due alert (default one minute). */
  pollMs?: number;
  /** How long the lease outlives its last renewal (default three minutes). */
  leaseMs?: number;
  owner?: string;
  /** Told when alerts were queued (the server kicks its outbox sender). */
  onQueued?: () => void;
  /** Progress lines (never a message's text). */
  log?: (line: string) => void;
  /** Told of each pass this server made as the lease holder, with what it found (tests, traces). */
  onPass?: (counts: Record<AlertRun, number>) => void;
}

export interface WeeklyAlertJob {
  /** Resolves once a pass that started after the call is over (tests). */
  idle(): Promise<void>;
  /** Looks now rather than at the next poll. */
  kick(): void;
  stop(): Promise<void>;
}

export async function startWeeklyAlert(ctx: MailContext, options: WeeklyAlertOptions = {}): Promise<WeeklyAlertJob> {
  const pollMs = options.pollMs ?? DEFAULT_ALERT_POLL_MS;
  const log = options.log ?? (() => {});
  const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const lease = await holdLease(ctx, {
    name: WEEKLY_ALERT_LEASE,
    owner: options.owner ?? randomUUID(),
    ttlMs: options.leaseMs ?? DEFAULT_ALERT_LEASE_MS,
    onError: (e) => log(`bail non renouvelé : ${describe(e)}`),
    onChange: (held) => log(held ? 'ce serveur prépare les alertes hebdomadaires' : 'ce serveur ne prépare plus les alertes hebdomadaires'),
  });

  let stopped = false;
  const waits = sleeper(() => stopped);
  let passes = 0;
  let waiters: { after: number; resolve: () => void }[] = [];

  /** One pass: the lease renewed now (the clock may have moved a long way since), then every workspace. */
  async function pass(): Promise<Record<AlertRun, number> | null> {
    if (!(await lease.refresh())) return null;
    return enqueueDueAlerts(ctx);
  }

  const loop = (async () => {
    while (!stopped) {
      const n = ++passes;
      try {
        const counts = await pass();
        if (counts) options.onPass?.(counts);
        if (counts && counts.queued > 0) {
          log(`${counts.queued} alerte(s) hebdomadaire(s) mise(s) en file d’envoi`);
          options.onQueued?.();
        }
        if (counts && counts.no_mail_settings > 0)
          log('alerte hebdomadaire due mais aucun serveur d’envoi configuré : elle partira une fois les réglages d’envoi faits');
      } catch (e) {
        log(`erreur de l’alerte hebdomadaire : ${describe(e)}`);
      }
      const done = waiters.filter((w) => w.after < n);
      waiters = waiters.filter((w) => w.after >= n);
      for (const w of done) w.resolve();
      if (!stopped) await waits.sleep(pollMs);
    }
  })();

  return {
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push({ after: passes, resolve });
        waits.wake();
      }),
    kick: () => waits.wake(),
    async stop() {
      stopped = true;
      waits.wake();
      await loop;
      await lease.stop();
      for (const w of waiters) w.resolve();
      waiters = [];
    },
  };
}
