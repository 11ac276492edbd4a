/**
 * The crash test: a real process runs the outbox sender on a batch, is killed (SIGKILL) while the
 * mail server holds its answer to one message, and a new process takes over. Every message must
 * arrive at most once, and only the one in flight may be left "uncertain".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../test/support/wait';
import { testEngines, type TestDatabase, type TestEngine } from '../../test/support/databases';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp';
import { getClientByNameKey } from '../db/clients';
import { createWorkspace, getWorkspace, updateWorkspace, type Workspace } from '../db/workspaces';
import { nameKey } from '../domain/names';
import { getFollowUpDraft } from '../app/follow-ups/drafts';
import { listFollowUpRecords } from '../app/follow-ups/record';
import { importFile } from '../app/import-file';
import { saveMailSettings } from '../app/mail-settings';
import { smtpMailer, type MailContext } from '../app/mailer';
import { enqueueFollowUpEmails, getOutboxProgress, resolveUncertain } from '../app/outbox';
import { secretBoxFromKey } from '../app/secret-box';
import { openDatabase } from '../db/connection';
import { startOutboxSender, type OutboxSender } from './outbox-sender';

const DEMO = new URL('../../demo/', import.meta.url).pathname;
const CHILD = new URL('../../test/support/outbox-worker-child.ts', import.meta.url).pathname;
const CLIENTS = ['YELLOW MONKEYS', 'GABRIELE REINE', 'TENNIS CLUB DE GRANS', 'SOPHIE MARTIN', 'BAR DU PORT MARTIGUES'];

function runChild(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Makes every write that records a message as sent fail, as a full disk would, until allowed again. */
async function failSentUpdates(db: TestDatabase): Promise<void> {
  if (db.engine === 'sqlite') {
    await sql`create trigger fail_sent before update of state on outbox_messages when new.state = 'sent'
      begin select raise(abort, 'database or disk is full (simulated)'); end`.execute(db.db);
    return;
  }
  await sql`create function fail_sent() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file (simulated)' using errcode = '53100'; end $$`.execute(db.db);
  await sql`create trigger fail_sent before update on outbox_messages for each row when (new.state = 'sent') execute function fail_sent()`.execute(
    db.db,
  );
}
async function allowSentUpdates(db: TestDatabase): Promise<void> {
  await sql`drop trigger fail_sent${sql.raw(db.engine === 'postgres' ? ' on outbox_messages' : '')}`.execute(db.db);
}

for (const engine of testEngines()) {
  describe(`outbox sender on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: MailContext;
    let ws: Workspace;
    let smtp: TestSmtp;
    let childEnv: NodeJS.ProcessEnv;

    beforeEach(async () => {
      db = await engine.open();
      const key = randomBytes(32);
      ctx = { database: db, now: () => new Date(), secretBox: secretBoxFromKey(key), mailerFor: (c) => smtpMailer(c), publicUrl: null };
      childEnv = {
        DJBOOKER_SECRET_KEY: key.toString('base64'),
        DJB_TEST_DB: JSON.stringify(db.options),
      };
      ws = await createWorkspace(db.db, 'demo', new Date());
      await importFile(ctx, ws, { kind: 'clients', path: `${DEMO}clients_dj_clean.csv`, overrides: {}, dryRun: false });
      await importFile(ctx, ws, { kind: 'gigs', path: `${DEMO}prestations_dj_clean.csv`, overrides: {}, dryRun: false });
      await updateWorkspace(db.db, ws.id, { referenceDate: '2026-01-14' });
      ws = (await getWorkspace(db.db, ws.id))!;
      smtp = await startTestSmtp();
      await saveMailSettings(ctx, ws, {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        username: null,
        fromName: 'DJ Max',
        fromAddress: 'dj@djmax.example',
      });
    });
    afterEach(async () => {
      smtp.release();
      await smtp.close();
      await db.cleanup();
    });

    async function enqueueBatch() {
      const messages = [];
      for (const name of CLIENTS) {
        const id = (await getClientByNameKey(db.db, ws.id, nameKey(name)))!.id;
        const d = await getFollowUpDraft(ctx, ws, id);
        messages.push({ clientId: id, subject: d.subject, body: d.body, template: d.template });
      }
      return enqueueFollowUpEmails(ctx, ws, { messages });
    }

    it('killed mid-batch and started again: every message arrives at most once, only the one in flight is uncertain', async () => {
      const { batchId, results } = await enqueueBatch();
      expect(results.every((r) => r.result === 'queued')).toBe(true);
      const inFlight = 'contact@tennis-club-de-grans.example';
      smtp.behaviour.holdDataFor.add(inFlight);

      const first = runChild(childEnv);
      // Kill the sender while the server holds its answer to the third message.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server never got ${inFlight}: ${first.output()}`)), 60_000);
        smtp.behaviour.onReceived = (mail) => {
          if (mail.to.includes(inFlight)) {
            clearTimeout(timer);
            first.child.kill('SIGKILL');
            resolve();
          }
        };
      });
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      const afterKill = await getOutboxProgress(ctx, ws, batchId);
      expect(afterKill.counts).toMatchObject({ sent: 2, sending: 1, queued: 2 });
      expect(smtp.received.map((m) => m.to[0])).toEqual(['contact@yellow-monkeys.example', 'contact@gabriele-reine.example', inFlight]);

      // The server never answered the held message: the held answer is dropped with the connection.
      smtp.behaviour.holdDataFor.clear();
      const second = runChild(childEnv);
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('1 message(s) interrompu(s) marqué(s) « incertain »');

      const progress = await getOutboxProgress(ctx, ws, batchId);
      expect(progress.counts).toMatchObject({ sent: 4, uncertain: 1, queued: 0, sending: 0, failed: 0 });
      expect(progress.messages.find((m) => m.state === 'uncertain')).toMatchObject({ to: inFlight });
      const perRecipient = new Map<string, number>();
      for (const m of smtp.received) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
      expect(perRecipient.size).toBe(5);
      const records = await listFollowUpRecords(ctx, ws);
      expect(records.filter((r) => r.status === 'uncertain').map((r) => r.clientName)).toEqual(['TENNIS CLUB DE GRANS']);

      // The user knows the client got it: marked sent, nothing resent.
      const uncertain = progress.messages.find((m) => m.state === 'uncertain')!;
      await resolveUncertain(ctx, ws, uncertain.id, 'mark_sent');
      expect((await getOutboxProgress(ctx, ws, batchId)).done).toBe(true);
      expect(smtp.received).toHaveLength(5);
    }, 120_000);

    it('records the outcome after the hand-off even when its first writes fail (disk full), so that nothing stays "sending"', async () => {
      const { batchId } = await enqueueBatch();
      await failSentUpdates(db);
      const lines: string[] = [];
      const sender = await startOutboxSender(ctx, { pollMs: 50, leaseMs: 2_000, log: (line) => lines.push(line) });
      try {
        await waitUntil('three failed writes', () => lines.filter((l) => l.startsWith('état d’un message non enregistré')).length >= 3);
        expect(lines.find((l) => l.startsWith('état d’un message non enregistré'))).toMatch(
          /\(tentative 1\) : .*(disk is full|could not extend file).* ; nouvel essai$/,
        );
        // The mail server has the first message; the database does not know yet.
        expect(smtp.accepted).toHaveLength(1);
        expect((await getOutboxProgress(ctx, ws, batchId)).counts).toMatchObject({ sending: 1, sent: 0 });
        await allowSentUpdates(db);
        await sender.idle();
      } finally {
        await sender.stop();
      }
      const progress = await getOutboxProgress(ctx, ws, batchId);
      expect(progress.counts).toMatchObject({ sent: 5, sending: 0, uncertain: 0, queued: 0 });
      expect(new Set(smtp.accepted.map((m) => m.to[0])).size).toBe(5);
      expect(smtp.accepted).toHaveLength(5);
    }, 120_000);

    it('killed between the hand-off and the state update: once its lease has expired the message is "incertain", never left "sending"', async () => {
      const { batchId } = await enqueueBatch();
      await failSentUpdates(db);
      const first = runChild(childEnv);
      await waitUntil('the child to fail recording a sent message', () => first.output().includes('état d’un message non enregistré'));
      first.child.kill('SIGKILL');
      await first.exited;
      await allowSentUpdates(db);
      expect((await getOutboxProgress(ctx, ws, batchId)).counts).toMatchObject({ sending: 1, sent: 0 });
      expect(smtp.accepted).toHaveLength(1);

      const second = runChild(childEnv);
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('1 message(s) interrompu(s) marqué(s) « incertain »');
      const progress = await getOutboxProgress(ctx, ws, batchId);
      expect(progress.counts).toMatchObject({ sent: 4, uncertain: 1, sending: 0, queued: 0 });
      expect(progress.messages.find((m) => m.state === 'uncertain')!.to).toBe(smtp.accepted[0]!.to[0]);
      expect(new Set(smtp.accepted.map((m) => m.to[0])).size).toBe(5);
      expect(smtp.accepted).toHaveLength(5);
    }, 120_000);

    it('two servers with the default settings: one sends a 50-message batch, each message once, none "incertain", through a restart', async () => {
      const file = join(db.dataDir ?? tmpdir(), `clients-50-${process.pid}-${Date.now()}.csv`);
      writeFileSync(
        file,
        ['nom;email', ...Array.from({ length: 50 }, (_, i) => `Client Lot ${i + 1};lot${i + 1}@example.com`)].join('\n') + '\n',
      );
      await importFile(ctx, ws, { kind: 'clients', path: file, overrides: {}, dryRun: false });
      const ids = [];
      for (let i = 1; i <= 50; i++) ids.push((await getClientByNameKey(db.db, ws.id, nameKey(`Client Lot ${i}`)))!.id);

      // Each "server" has its own connection to the database and its own sender, with the defaults.
      const other = await openDatabase(db.options);
      const senders: OutboxSender[] = [];
      const start = async (database: typeof db | typeof other) => {
        const s = await startOutboxSender({ ...ctx, database });
        senders.push(s);
        return s;
      };
      try {
        let a = await start(db);
        const b = await start(other);
        expect([a.isSending(), b.isSending()].filter(Boolean)).toHaveLength(1);
        const { batchId, results } = await enqueueFollowUpEmails(ctx, ws, {
          messages: ids.map((clientId) => ({ clientId, subject: 'Une date cet été ?', body: 'Bonjour, une date cet été ?' })),
        });
        expect(results.every((r) => r.result === 'queued')).toBe(true);
        // Nobody kicks the senders: the holder's short poll finds the batch.
        await waitUntil('10 messages sent', () => smtp.accepted.length >= 10);
        // Restart the first server (the holder or not) while the batch is going out.
        await a.stop();
        a = await start(db);
        await waitUntil('the whole batch', async () => (await getOutboxProgress(ctx, ws, batchId)).counts.sent === 50, 90_000);
        const progress = await getOutboxProgress(ctx, ws, batchId);
        expect(progress.counts).toMatchObject({ sent: 50, uncertain: 0, sending: 0, queued: 0, failed: 0 });
        const perRecipient = new Map<string, number>();
        for (const m of smtp.accepted) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
        expect(perRecipient.size).toBe(50);
        expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
        expect([a.isSending(), b.isSending()].filter(Boolean)).toHaveLength(1);
      } finally {
        for (const s of senders) await s.stop();
        await other.close();
      }
    }, 180_000);

    it('runs in process: sends a new batch on kick and stops cleanly', async () => {
      const sender = await startOutboxSender(ctx, { pollMs: 60_000 });
      try {
        const { batchId } = await enqueueBatch();
        sender.kick();
        await sender.idle();
        expect((await getOutboxProgress(ctx, ws, batchId)).counts.sent).toBe(5);
        expect(smtp.accepted).toHaveLength(5);
      } finally {
        await sender.stop();
      }
    });
  });
}
