/**
 * The outbox sender: the background job that sends queued e-mails. One per database (the web
 * server starts it). At start, a message left "sending" by a process that died becomes
 * "uncertain" and waits for the user's decision; then due messages are sent one at a time,
 * waking at the next retry time, every `pollMs`, or at once on kick() (a new batch).
 */
import { recoverInterruptedSends, sendDueMessages, DEFAULT_RETRY_POLICY, type DeliveryOutcome, type RetryPolicy } from '../app/outbox';
import type { MailContext } from '../app/mailer';
import { nextOutboxAttemptAt } from '../db/outbox';

export interface OutboxSender {
  /** Look for due messages now (after an enqueue). */
  kick(): void;
  /** Finishes the message in hand, then stops. */
  stop(): Promise<void>;
  /** Resolves once the sender found nothing due (tests). */
  idle(): Promise<void>;
}

export interface OutboxSenderOptions {
  pollMs?: number;
  policy?: RetryPolicy;
  /** Progress lines (never a message's text nor a secret). */
  log?: (line: string) => void;
}

export async function startOutboxSender(ctx: MailContext, options: OutboxSenderOptions = {}): Promise<OutboxSender> {
  const pollMs = options.pollMs ?? 30_000;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? (() => {});
  const uncertain = await recoverInterruptedSends(ctx);
  if (uncertain > 0) log(`${uncertain} message(s) interrompu(s) marqué(s) « incertain »`);

  let stopped = false;
  let wake: (() => void) | null = null;
  // A kick that comes while a pass is running (not sleeping) must not be lost: it is remembered,
  // and the next sleep returns at once.
  let kicked = false;
  let passes = 0;
  // Each waiter is resolved by the first pass that starts after it asked and finds nothing due.
  let idleWaiters: { after: number; resolve: () => void }[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (kicked || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const kick = () => {
    kicked = true;
    wake?.();
  };

  const loop = (async () => {
    while (!stopped) {
      const pass = ++passes;
      kicked = false;
      let counts: Record<DeliveryOutcome, number>;
      try {
        counts = await sendDueMessages(ctx, { policy, shouldStop: () => stopped });
      } catch (e) {
        log(`erreur du service d’envoi : ${e instanceof Error ? e.message : String(e)}`);
        await sleep(pollMs);
        continue;
      }
      const worked = Object.values(counts).some((n) => n > 0);
      if (worked) {
        log(`envoyés ${counts.sent}, à réessayer ${counts.retry}, échecs ${counts.failed}, incertains ${counts.uncertain}, annulés ${counts.cancelled}`);
        continue;
      }
      const satisfied = idleWaiters.filter((w) => w.after < pass);
      idleWaiters = idleWaiters.filter((w) => w.after >= pass);
      for (const w of satisfied) w.resolve();
      const next = await nextOutboxAttemptAt(ctx.database.db).catch(() => null);
      const untilNext = next === null ? pollMs : Math.max(10, Date.parse(next) - ctx.now().getTime());
      await sleep(Math.min(pollMs, untilNext));
    }
  })();

  return {
    kick,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      for (const w of idleWaiters) w.resolve();
      idleWaiters = [];
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push({ after: passes, resolve });
        kick();
      }),
  };
}
