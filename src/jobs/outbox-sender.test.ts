/**
 * The crash test: a real process runs the outbox sender on a batch, is killed (SIGKILL) while the
 * mail server holds its answer to one message, and a new process takes over. Every message must
 * arrive at most once, and only the one in flight may be left "uncertain".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp';
import { getClientByNameKey } from '../db/clients';
import type { Workspace } from '../db/schema';
import { createWorkspace, getWorkspace, updateWorkspace } from '../db/workspaces';
import { nameKey } from '../domain/names';
import { getFollowUpDraft, listFollowUpRecords } from '../app/follow-ups';
import { importFile } from '../app/import-file';
import { saveMailSettings } from '../app/mail-settings';
import { smtpMailer, type MailContext } from '../app/mailer';
import { enqueueFollowUpEmails, getOutboxProgress, resolveUncertain } from '../app/outbox';
import { secretBoxFromKey } from '../app/secret-box';
import { startOutboxSender } from './outbox-sender';

const DEMO = new URL('../../demo/', import.meta.url).pathname;
const CHILD = new URL('../../test/support/outbox-worker-child.ts', import.meta.url).pathname;
const CLIENTS = ['YELLOW MONKEYS', 'GABRIELE REINE', 'TENNIS CLUB DE GRANS', 'SOPHIE MARTIN', 'BAR DU PORT MARTIGUES'];

function runChild(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
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
      await updateWorkspace(db.db, ws.id, { reference_date: '2026-01-14' });
      ws = (await getWorkspace(db.db, ws.id))!;
      smtp = await startTestSmtp();
      await saveMailSettings(ctx, ws, { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromName: 'DJ Max', fromAddress: 'dj@djmax.example' });
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
        const timer = setTimeout(() => reject(new Error(`the server never got ${inFlight}: ${first.output()}`)), 20_000);
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
      expect(records.filter((r) => r.status === 'uncertain').map((r) => r.client)).toEqual(['TENNIS CLUB DE GRANS']);

      // The user knows the client got it: marked sent, nothing resent.
      const uncertain = progress.messages.find((m) => m.state === 'uncertain')!;
      await resolveUncertain(ctx, ws, uncertain.id, 'mark_sent');
      expect((await getOutboxProgress(ctx, ws, batchId)).done).toBe(true);
      expect(smtp.received).toHaveLength(5);
    });

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
