/**
 * The outbox as the user handles it, on both engines, with the mail server down (a closed port on
 * loopback) then up (a real SMTP server): a waiting message holds its client back without being a
 * follow-up; cancelling it frees the client at once and says why; « Réessayer » sends it once.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { closedPort, startTestSmtp, type TestSmtp } from '../../test/support/smtp';
import { followUpJson } from '../contracts/follow-ups';
import { createWorkspace, getWorkspace, updateWorkspace, type Workspace } from '../db/workspaces';
import { getClientCadence, listVipFollowUpCandidates } from './follow-ups/drafts';
import { listFollowUpRecords, recordFollowUp } from './follow-ups/record';
import { importFile } from './import-file';
import { saveMailSettings } from './mail-settings';
import { smtpMailer, type MailContext } from './mailer';
import { enqueueFollowUpEmails, sendDueMessages, type RetryPolicy } from './outbox';
import { cancelOutboxMessage, listOutbox, retryOutboxMessage } from './outbox-admin';
import { secretBoxFromKey } from './secret-box';

const DEMO = new URL('../../demo/', import.meta.url).pathname;
const TIMEOUTS = { connectionMs: 1000, greetingMs: 600, socketMs: 900 };
const POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 4 };

for (const engine of testEngines()) {
  describe(`the outbox page on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: MailContext;
    let ws: Workspace;
    let smtp: TestSmtp | null = null;
    const useServer = (port: number) =>
      saveMailSettings(ctx, ws, {
        host: '127.0.0.1',
        port,
        secure: false,
        username: null,
        fromName: 'DJ Max',
        fromAddress: 'dj@djmax.example',
      });

    beforeEach(async () => {
      db = await engine.open();
      const clock = new Date('2026-01-14T10:00:00Z');
      ctx = {
        database: db,
        now: () => clock,
        secretBox: secretBoxFromKey(randomBytes(32)),
        mailerFor: (c) => smtpMailer(c, TIMEOUTS),
        publicUrl: null,
      };
      ws = await createWorkspace(db.db, 'demo', ctx.now());
      await importFile(ctx, ws, { kind: 'clients', path: `${DEMO}clients_dj_clean.csv`, overrides: {}, dryRun: false });
      await importFile(ctx, ws, { kind: 'gigs', path: `${DEMO}prestations_dj_clean.csv`, overrides: {}, dryRun: false });
      await updateWorkspace(db.db, ws.id, { referenceDate: '2026-01-14' });
      ws = (await getWorkspace(db.db, ws.id))!;
    });
    afterEach(async () => {
      await smtp?.close();
      smtp = null;
      await db.cleanup();
    });

    it('a failing batch holds its clients without calling them followed up; cancelling frees them with the reason in words', async () => {
      await useServer(await closedPort());
      const drafts = await listVipFollowUpCandidates(ctx, ws);
      expect(drafts).toHaveLength(3);
      const messages = drafts.map((d) => ({ clientId: d.client.clientId, subject: d.subject, body: d.body }));
      const { results } = await enqueueFollowUpEmails(ctx, ws, { messages });
      expect(results.map((r) => r.result)).toEqual(['queued', 'queued', 'queued']);
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ retry: 3, sent: 0 });

      const listing = await listOutbox(ctx, ws);
      expect(listing.attention).toEqual({ pending: 3, failedRecently: 0 });
      expect(listing.messages.map((m) => [m.state, m.attempts, m.errorKind])).toEqual([
        ['queued', 1, 'connection_refused'],
        ['queued', 1, 'connection_refused'],
        ['queued', 1, 'connection_refused'],
      ]);
      const first = drafts[0]!.client.clientId;
      // Waiting: not a follow-up (no last contact, no 30 days), but no second message either, even forced.
      expect(await getClientCadence(ctx, ws, first)).toMatchObject({
        lastContact: null,
        allowedFrom: null,
        blocked: 'in_outbox',
        proposed: false,
      });
      expect(await listVipFollowUpCandidates(ctx, ws)).toHaveLength(0);
      const again = await enqueueFollowUpEmails(ctx, ws, { messages: [{ ...messages[0]!, subject: 'Autre objet' }], force: true });
      expect(again.results[0]).toMatchObject({ result: 'refused', reason: 'in_outbox' });
      const copy = await recordFollowUp(ctx, ws, { clientId: first, channel: 'copied', subject: 'x', body: 'y', force: true }).catch(
        (e: unknown) => e,
      );
      expect(copy).toMatchObject({ code: 'conflict', details: { reason: 'in_outbox' } });

      for (const m of listing.messages)
        expect(await cancelOutboxMessage(ctx, ws, m.id)).toMatchObject({ state: 'cancelled', errorKind: 'cancelled' });
      expect(await getClientCadence(ctx, ws, first)).toMatchObject({ lastContact: null, blocked: null, proposed: true });
      expect((await listVipFollowUpCandidates(ctx, ws)).map((d) => d.client.clientId).sort()).toEqual(
        messages.map((m) => m.clientId).sort(),
      );
      const [record] = await listFollowUpRecords(ctx, ws, first);
      expect(followUpJson(record!)).toMatchObject({ status: 'failed', errorKind: 'cancelled' });
      await expect(cancelOutboxMessage(ctx, ws, listing.messages[0]!.id)).rejects.toMatchObject({ code: 'conflict' });
    });

    it('« Réessayer » puts a cancelled message back once the server is up, and it is then the follow-up', async () => {
      await useServer(await closedPort());
      const [d] = await listVipFollowUpCandidates(ctx, ws);
      const id = d!.client.clientId;
      const { results } = await enqueueFollowUpEmails(ctx, ws, { messages: [{ clientId: id, subject: d!.subject, body: d!.body }] });
      const outboxId = results[0]!.result === 'queued' ? results[0]!.outboxId : 0;
      await cancelOutboxMessage(ctx, ws, outboxId);
      const queuedAt = (await listOutbox(ctx, ws)).messages[0]!.queuedAt;
      expect(queuedAt).toBe('2026-01-14T10:00:00.000Z');

      smtp = await startTestSmtp();
      await useServer(smtp.port);
      // An hour later, the retried message keeps the date it was first queued (issue 11, point 6).
      ctx = { ...ctx, now: () => new Date('2026-01-14T11:00:00Z') };
      expect(await retryOutboxMessage(ctx, ws, outboxId)).toMatchObject({ state: 'queued', attempts: 0, error: null, queuedAt });
      await expect(retryOutboxMessage(ctx, ws, outboxId)).rejects.toMatchObject({ code: 'conflict' });
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 1 });
      expect(smtp.accepted).toHaveLength(1);
      expect(await getClientCadence(ctx, ws, id)).toMatchObject({ lastContact: '2026-01-14', blocked: 'recent_follow_up' });
      const [record] = await listFollowUpRecords(ctx, ws, id);
      expect(followUpJson(record!)).toMatchObject({ status: 'sent', error: null, errorKind: null });
      expect((await listOutbox(ctx, ws)).counts).toMatchObject({ sent: 1, cancelled: 0, queued: 0 });
    });

    it('another workspace’s message is not found', async () => {
      await useServer(await closedPort());
      const [d] = await listVipFollowUpCandidates(ctx, ws);
      const { results } = await enqueueFollowUpEmails(ctx, ws, {
        messages: [{ clientId: d!.client.clientId, subject: d!.subject, body: d!.body }],
      });
      const other = await createWorkspace(db.db, 'autre', ctx.now());
      const outboxId = results[0]!.result === 'queued' ? results[0]!.outboxId : 0;
      await expect(cancelOutboxMessage(ctx, other, outboxId)).rejects.toMatchObject({ code: 'not_found' });
      await expect(retryOutboxMessage(ctx, other, outboxId)).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
