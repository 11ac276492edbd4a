/**
 * The outbox sender: the background job that sends queued e-mails. Every web server starts one;
 * they share the work through a lease (app/leases.ts, docs/decisions/005): only the holder of the
 * `outbox-sender` lease sends, and another takes over within the lease's time when it stops or
 * dies. Each sender also holds a lease of its own (`outbox-sender:<owner>`) that says it is alive:
 * the holder marks "uncertain" only the messages left "sending" by an owner whose lease expired.
 * The holder looks for due messages every `pollMs` (2 s), at the next retry time, or at once on
 * kick() (a new batch posted to this process).
 */
import { randomUUID } from 'node:crypto';
import { holdLease, type LeaseHolder } from '../app/leases';
import { recoverInterruptedSends, sendDueMessages, DEFAULT_RETRY_POLICY, type DeliveryOutcome, type RetryPolicy } from '../app/outbox';
import type { MailContext } from '../app/mailer';
import { deleteExpiredLeases } from '../db/leases';
import { nextOutboxAttemptAt } from '../db/outbox';
import { sleeper } from './sleeper';

/** The lease every sender competes for: its holder is the one that sends. */
export const OUTBOX_SENDER_LEASE = 'outbox-sender';
const PRESENCE_PREFIX = `${OUTBOX_SENDER_LEASE}:`;

export interface OutboxSender {
  /** This process's lease owner: recorded on the messages it sends (MailContext.outboxOwner). */
  readonly owner: string;
  /** True while this process is the one that sends. */
  isSending(): boolean;
  /** Look for due messages now (after an enqueue). */
  kick(): void;
  /** Finishes the message in hand, then stops and gives its leases up. */
  stop(): Promise<void>;
  /** Resolves once this sender, holding the lease, found nothing due (tests). */
  idle(): Promise<void>;
}

export interface OutboxSenderOptions {
  /** How often the holder looks for due messages (default 2 s). */
  pollMs?: number;
  /** How long a lease outlives its last renewal (default 15 s): a dead sender is replaced after this. */
  leaseMs?: number;
  /** false: never sends in the background (DJBOOKER_OUTBOX_SENDER=off), only says it is alive. */
  compete?: boolean;
  /** The owner id (default: a new random one). */
  owner?: string;
  policy?: RetryPolicy;
  /** Progress lines (never a message's text nor a secret). */
  log?: (line: string) => void;
}

export const DEFAULT_SENDER_POLL_MS = 2_000;
export const DEFAULT_SENDER_LEASE_MS = 15_000;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function startOutboxSender(ctx: MailContext, options: OutboxSenderOptions = {}): Promise<OutboxSender> {
  const pollMs = options.pollMs ?? DEFAULT_SENDER_POLL_MS;
  const leaseMs = options.leaseMs ?? DEFAULT_SENDER_LEASE_MS;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? (() => {});
  const owner = options.owner ?? randomUUID();
  const onError = (e: unknown) => log(`bail non renouvelé : ${describe(e)}`);

  let stopped = false;
  // A kick that comes while a pass is running (not sleeping) must not be lost: it is remembered,
  // and the next sleep returns at once.
  let kicked = false;
  let passes = 0;
  // Each waiter is resolved by the first pass that starts after it asked and finds nothing due.
  let idleWaiters: { after: number; resolve: () => void }[] = [];
  const { sleep, wake } = sleeper(() => kicked || stopped);
  const kick = () => {
    kicked = true;
    wake();
  };

  const presence = await holdLease(ctx, { name: `${PRESENCE_PREFIX}${owner}`, owner, ttlMs: leaseMs, onError });
  let sending: LeaseHolder | null = null;
  if (options.compete !== false) {
    sending = await holdLease(ctx, {
      name: OUTBOX_SENDER_LEASE,
      owner,
      ttlMs: leaseMs,
      onError,
      onChange: (held) => {
        if (stopped) return;
        log(held ? 'ce serveur envoie les messages en file' : 'ce serveur n’envoie plus : son bail a expiré ou un autre serveur l’a pris');
        if (held) kick();
      },
    });
  }
  const holds = () => !stopped && sending !== null && sending.holds() && presence.holds();

  /** One pass of the holder: interrupted sends of dead owners, then every due message. */
  async function pass(): Promise<Record<DeliveryOutcome, number>> {
    const uncertain = await recoverInterruptedSends(ctx);
    if (uncertain > 0) log(`${uncertain} message(s) interrompu(s) marqué(s) « incertain »`);
    await deleteExpiredLeases(ctx.database.db, PRESENCE_PREFIX, ctx.now().toISOString());
    return sendDueMessages(ctx, {
      policy,
      shouldStop: () => stopped || !holds(),
      delivery: {
        owner,
        giveUp: () => stopped,
        onRecordError: (e, attempt) => log(`état d’un message non enregistré (tentative ${attempt}) : ${describe(e)} ; nouvel essai`),
      },
    });
  }

  const loop = (async () => {
    while (!stopped) {
      const n = ++passes;
      kicked = false;
      if (!holds()) {
        await sleep(pollMs);
        continue;
      }
      let counts: Record<DeliveryOutcome, number>;
      try {
        counts = await pass();
      } catch (e) {
        log(`erreur du service d’envoi : ${describe(e)}`);
        await sleep(pollMs);
        continue;
      }
      const worked = Object.values(counts).some((c) => c > 0);
      if (worked) {
        log(
          `envoyés ${counts.sent}, à réessayer ${counts.retry}, échecs ${counts.failed}, incertains ${counts.uncertain}, annulés ${counts.cancelled}`,
        );
        continue;
      }
      const satisfied = idleWaiters.filter((w) => w.after < n);
      idleWaiters = idleWaiters.filter((w) => w.after >= n);
      for (const w of satisfied) w.resolve();
      const next = await nextOutboxAttemptAt(ctx.database.db).catch(() => null);
      const untilNext = next === null ? pollMs : Math.max(10, Date.parse(next) - ctx.now().getTime());
      await sleep(Math.min(pollMs, untilNext));
    }
  })();

  return {
    owner,
    isSending: holds,
    kick,
    async stop() {
      stopped = true;
      wake();
      await loop;
      // The sending lease first: a peer may take over at once; our presence goes last, so that
      // nothing of ours in hand looks abandoned before we are done.
      await sending?.stop();
      await presence.stop();
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
