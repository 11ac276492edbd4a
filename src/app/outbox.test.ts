/**
 * Sending follow-ups through a real SMTP server on loopback (smtp-server, port 0), on both
 * engines: what the server receives, and what happens when it is down, slow, or refuses a
 * recipient. Each message must arrive once.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { closedPort, decodeEncodedWords, headersOf, startTestSmtp, textBodyOf, type TestSmtp } from '../../test/support/smtp';
import { getClientByNameKey } from '../db/clients';
import { createWorkspace, getWorkspace, updateWorkspace, type Workspace } from '../db/workspaces';
import { nameKey } from '../domain/names';
import { getClientCadence, getFollowUpDraft, listVipFollowUpCandidates } from './follow-ups/drafts';
import { listFollowUpRecords } from './follow-ups/record';
import { setDoNotContact, unsubscribeWithToken } from './follow-ups/unsubscribe';
import { exportFollowUpEml } from './eml';
import { importFile } from './import-file';
import { getMailSettings, saveMailSettings, sendTestMail } from './mail-settings';
import { smtpMailer, type MailContext } from './mailer';
import {
  enqueueFollowUpEmails,
  getOutboxProgress,
  recoverInterruptedSends,
  resolveUncertain,
  retryDelayMs,
  sendDueMessages,
  sendFollowUpEmail,
  type RetryPolicy,
} from './outbox';
import { secretBoxFromKey } from './secret-box';

const DEMO = new URL('../../demo/', import.meta.url).pathname;
const TIMEOUTS = { connectionMs: 1000, greetingMs: 600, socketMs: 900 };
const POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 4 };
const VIP = ['BAR DU PORT MARTIGUES', 'BDE SCIENCES PO AIX', 'LA TAVERNE DES ÉCRINS'];

for (const engine of testEngines()) {
  describe(`sending follow-ups on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: MailContext;
    let ws: Workspace;
    let clock: Date;
    let smtp: TestSmtp;

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
      clock = new Date('2026-01-14T10:00:00Z');
      ctx = {
        database: db,
        now: () => clock,
        secretBox: secretBoxFromKey(randomBytes(32)),
        mailerFor: (config) => smtpMailer(config, TIMEOUTS),
        publicUrl: null,
      };
      ws = await createWorkspace(db.db, 'demo', ctx.now());
      await importFile(ctx, ws, { kind: 'clients', path: `${DEMO}clients_dj_clean.csv`, overrides: {}, dryRun: false });
      await importFile(ctx, ws, { kind: 'gigs', path: `${DEMO}prestations_dj_clean.csv`, overrides: {}, dryRun: false });
      await updateWorkspace(db.db, ws.id, {
        referenceDate: '2026-01-14',
        settings: { djName: 'DJ Max', signature: 'Max – DJ Pro' },
      });
      ws = (await getWorkspace(db.db, ws.id))!;
      smtp = await startTestSmtp();
      await useServer(smtp.port);
    });
    afterEach(async () => {
      await smtp.close();
      await db.cleanup();
    });

    const clientId = async (name: string) => (await getClientByNameKey(db.db, ws.id, nameKey(name)))!.id;
    const vipBatch = async () =>
      (await listVipFollowUpCandidates(ctx, ws)).map((d) => ({
        clientId: d.client.clientId,
        subject: d.subject,
        body: d.body,
        template: d.template,
      }));
    const receivedBy = (address: string) => smtp.received.filter((m) => m.to.includes(address)).length;

    it('sends the generator’s message: headers, UTF-8 subject with emoji, body, opt-out line, List-Unsubscribe', async () => {
      const id = await clientId('YELLOW MONKEYS');
      const d = await getFollowUpDraft(ctx, ws, id, { template: 'vipLapsed' });
      const { enqueue, message } = await sendFollowUpEmail(
        ctx,
        ws,
        { clientId: id, subject: d.subject, body: d.body, template: d.template },
        POLICY,
      );
      expect(enqueue.result).toBe('queued');
      expect(message).toMatchObject({ state: 'sent', attempts: 1, client: 'YELLOW MONKEYS', error: null });

      expect(smtp.accepted).toHaveLength(1);
      const mail = smtp.accepted[0]!;
      expect(mail.from).toBe('dj@djmax.example');
      expect(mail.to).toEqual(['contact@yellow-monkeys.example']);
      const h = headersOf(mail.raw);
      expect(h.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i);
      expect(decodeEncodedWords(h.get('subject')!)).toBe('On se retrouve bientôt ? 🎵');
      expect(decodeEncodedWords(h.get('from')!)).toBe('DJ Max <dj@djmax.example>');
      expect(decodeEncodedWords(h.get('to')!)).toBe('Kevin Arnaud <contact@yellow-monkeys.example>');
      expect(h.get('list-unsubscribe')).toBe('<mailto:dj@djmax.example?subject=STOP>');
      expect(h.has('list-unsubscribe-post')).toBe(false);
      expect(h.get('message-id')).toMatch(/^<[0-9a-f-]{36}@djmax\.example>$/);
      expect(h.get('content-type')).toMatch(/text\/plain; charset=utf-8/i);
      const body = textBodyOf(mail.raw);
      expect(body).toContain(d.body);
      expect(body).toContain('Bonjour Kevin,');
      expect(body).toContain('Cela fait déjà plus de 2 ans que nous n’avons pas travaillé ensemble');
      expect(body.trimEnd()).toMatch(/--\nVous ne souhaitez plus recevoir mes messages \? Répondez simplement « STOP » à cet e-mail\.$/);

      const [record] = await listFollowUpRecords(ctx, ws, id);
      expect(record).toMatchObject({
        channel: 'email_sent',
        status: 'sent',
        template: 'vipLapsed',
        subject: 'On se retrouve bientôt ? 🎵',
      });
      expect(record!.body).toBe(body.replace(/\n$/, '') + '\n');

      // A second follow-up within 30 days is refused without confirmation.
      const again = await getFollowUpDraft(ctx, ws, id);
      await expect(sendFollowUpEmail(ctx, ws, { clientId: id, subject: again.subject, body: again.body }, POLICY)).rejects.toMatchObject({
        code: 'conflict',
        details: { reason: 'recent_follow_up' },
      });
      await sendFollowUpEmail(ctx, ws, { clientId: id, subject: again.subject, body: again.body, force: true }, POLICY);
      expect(receivedBy('contact@yellow-monkeys.example')).toBe(2);
    });

    it('puts the https unsubscribe link only when PUBLIC_URL is set, and the link opts the client out', async () => {
      ctx = { ...ctx, publicUrl: 'https://crm.djmax.example' };
      const id = await clientId('SOPHIE MARTIN');
      const d = await getFollowUpDraft(ctx, ws, id);
      await sendFollowUpEmail(ctx, ws, { clientId: id, subject: d.subject, body: d.body }, POLICY);
      const h = headersOf(smtp.accepted[0]!.raw);
      const m = /^<https:\/\/crm\.djmax\.example\/unsubscribe\/([A-Za-z0-9_-]+)>, <mailto:dj@djmax\.example\?subject=STOP>$/.exec(
        h.get('list-unsubscribe')!,
      );
      expect(m).not.toBeNull();
      expect(h.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(textBodyOf(smtp.accepted[0]!.raw)).toContain(`Désinscrivez-vous ici : https://crm.djmax.example/unsubscribe/${m![1]}`);

      expect(await unsubscribeWithToken(ctx, m![1]!)).toMatchObject({ clientName: 'SOPHIE MARTIN' });
      expect((await getClientCadence(ctx, ws, id)).optedOut).toBe(true);
      await expect(sendFollowUpEmail(ctx, ws, { clientId: id, subject: 'x', body: 'y', force: true }, POLICY)).rejects.toMatchObject({
        details: { reason: 'opted_out' },
      });
    });

    it('sends the VIP batch once: a double click or a retry enqueues nothing new', async () => {
      const batch = await vipBatch();
      expect(batch).toHaveLength(3);
      const first = await enqueueFollowUpEmails(ctx, ws, { messages: batch });
      expect(first.results.map((r) => r.result)).toEqual(['queued', 'queued', 'queued']);
      const double = await enqueueFollowUpEmails(ctx, ws, { messages: batch });
      expect(double.results.map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate']);

      expect((await getOutboxProgress(ctx, ws, first.batchId)).counts).toMatchObject({ queued: 3, sent: 0 });
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 3 });
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 0 });
      const retry = await enqueueFollowUpEmails(ctx, ws, { messages: batch });
      expect(retry.results.map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      await sendDueMessages(ctx, { policy: POLICY });

      expect(smtp.accepted).toHaveLength(3);
      for (const name of VIP)
        expect(
          receivedBy(`contact@${name === 'LA TAVERNE DES ÉCRINS' ? 'la-taverne-des-ecrins' : nameKey(name).replace(/ /g, '-')}.example`),
        ).toBe(1);
      const progress = await getOutboxProgress(ctx, ws, first.batchId);
      expect(progress).toMatchObject({ total: 3, done: true, counts: { sent: 3, queued: 0, failed: 0, uncertain: 0 } });
      // Followed up: no longer proposed, and a new message (other text) to them needs confirmation.
      expect(await listVipFollowUpCandidates(ctx, ws)).toEqual([]);
      const other = await enqueueFollowUpEmails(ctx, ws, { messages: batch.map((m) => ({ ...m, body: `${m.body}\nPS` })) });
      expect(other.results.map((r) => r.result === 'refused' && r.reason)).toEqual([
        'recent_follow_up',
        'recent_follow_up',
        'recent_follow_up',
      ]);
    });

    it('retries with exponential back-off while the server is down, then delivers each message once', async () => {
      expect([1, 2, 3, 8, 20].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
      await useServer(await closedPort());
      const { batchId } = await enqueueFollowUpEmails(ctx, ws, { messages: await vipBatch() });

      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ retry: 3, sent: 0 });
      let p = await getOutboxProgress(ctx, ws, batchId);
      for (const m of p.messages) {
        expect(m).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: '2026-01-14T10:00:30.000Z' });
        expect(m.error).toMatch(/^Serveur d’envoi 127\.0\.0\.1:\d+ injoignable/);
      }
      // Not due yet: nothing is attempted.
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ retry: 0, sent: 0 });
      clock = new Date('2026-01-14T10:00:30Z');
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ retry: 3 });
      p = await getOutboxProgress(ctx, ws, batchId);
      expect(p.messages.map((m) => [m.attempts, m.nextAttemptAt])).toEqual(Array(3).fill([2, '2026-01-14T10:01:30.000Z']));
      expect((await listFollowUpRecords(ctx, ws)).map((f) => f.status)).toEqual(['queued', 'queued', 'queued']);

      await useServer(smtp.port);
      clock = new Date('2026-01-14T10:01:30Z');
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 3 });
      expect(smtp.accepted).toHaveLength(3);
      expect(new Set(smtp.accepted.map((m) => m.to[0])).size).toBe(3);
      expect((await listFollowUpRecords(ctx, ws)).map((f) => f.status)).toEqual(['sent', 'sent', 'sent']);
    });

    it('gives up after the last attempt with the error of each recipient', async () => {
      await useServer(await closedPort());
      const { batchId } = await enqueueFollowUpEmails(ctx, ws, { messages: await vipBatch() });
      for (let i = 0; i < POLICY.maxAttempts; i++) {
        await sendDueMessages(ctx, { policy: POLICY });
        clock = new Date(clock.getTime() + POLICY.maxDelayMs);
      }
      const p = await getOutboxProgress(ctx, ws, batchId);
      expect(p).toMatchObject({ done: true, counts: { failed: 3 } });
      for (const m of p.messages) expect(m.error).toMatch(/injoignable.*\(abandon après 4 tentatives\)$/);
      expect((await listFollowUpRecords(ctx, ws)).map((f) => f.status)).toEqual(['failed', 'failed', 'failed']);
      // A failed e-mail does not hold the client back.
      expect(await listVipFollowUpCandidates(ctx, ws)).toHaveLength(3);
    });

    it('a server too slow to greet is retried; one that times out after the message makes it uncertain, never resent alone', async () => {
      smtp.behaviour.greetingDelayMs = 2000;
      const [a, b] = await vipBatch();
      await enqueueFollowUpEmails(ctx, ws, { messages: [a!] });
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ retry: 1 });
      expect(smtp.received).toHaveLength(0);
      expect((await getOutboxProgress(ctx, ws)).messages[0]!.error).toMatch(/ne répond pas \(délai dépassé\)/);
      smtp.behaviour.greetingDelayMs = 0;

      smtp.behaviour.dataDelayMs = 3000;
      await enqueueFollowUpEmails(ctx, ws, { messages: [b!] });
      const counts = await sendDueMessages(ctx, { policy: POLICY });
      // `a` is not due yet (back-off); `b` reached the server, which never answered in time.
      expect(counts).toMatchObject({ uncertain: 1, sent: 0, retry: 0 });
      expect(smtp.received).toHaveLength(1);
      const uncertain = (await getOutboxProgress(ctx, ws)).messages.find((m) => m.state === 'uncertain')!;
      expect(uncertain.error).toMatch(/perdue après la remise du message.*peut-être accepté/);
      expect((await listFollowUpRecords(ctx, ws, b!.clientId))[0]!.status).toBe('uncertain');
      // Still in the outbox, awaiting the user's decision: the client is not proposed again.
      expect((await getClientCadence(ctx, ws, b!.clientId)).blocked).toBe('in_outbox');

      smtp.behaviour.dataDelayMs = 0;
      clock = new Date(clock.getTime() + 60_000);
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 1, uncertain: 0 });
      expect(receivedBy(smtp.received[0]!.to[0]!)).toBe(1);

      expect(await resolveUncertain(ctx, ws, uncertain.id, 'mark_sent')).toMatchObject({ state: 'sent' });
      expect((await listFollowUpRecords(ctx, ws, b!.clientId))[0]!.status).toBe('sent');
      await expect(resolveUncertain(ctx, ws, uncertain.id, 'resend')).rejects.toMatchObject({ code: 'conflict' });
    });

    it('resends an uncertain message only when the user says so', async () => {
      const [a] = await vipBatch();
      const { results } = await enqueueFollowUpEmails(ctx, ws, { messages: [a!] });
      const id = (results[0] as { outboxId: number }).outboxId;
      // A sender that died while the server had the message.
      await db.db.updateTable('outbox_messages').set({ state: 'sending' }).where('id', '=', id).execute();
      expect(await recoverInterruptedSends(ctx)).toBe(1);
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 0 });
      expect(smtp.received).toHaveLength(0);
      await resolveUncertain(ctx, ws, id, 'resend');
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 1 });
      expect(smtp.accepted).toHaveLength(1);
    });

    it('a refused recipient fails alone with a clear error; the others arrive once', async () => {
      smtp.behaviour.refuse.set('contact@bde-sciences-po-aix.example', 'Mailbox unavailable');
      const { batchId } = await enqueueFollowUpEmails(ctx, ws, { messages: await vipBatch() });
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 2, failed: 1, retry: 0 });
      const p = await getOutboxProgress(ctx, ws, batchId);
      const failed = p.messages.find((m) => m.state === 'failed')!;
      expect(failed).toMatchObject({ client: 'BDE SCIENCES PO AIX', attempts: 1 });
      expect(failed.error).toBe('Adresse refusée par le serveur d’envoi : contact@bde-sciences-po-aix.example (550 Mailbox unavailable).');
      expect(smtp.accepted.map((m) => m.to[0]).sort()).toEqual([
        'contact@bar-du-port-martigues.example',
        'contact@la-taverne-des-ecrins.example',
      ]);
      await sendDueMessages(ctx, { policy: POLICY });
      expect(smtp.accepted).toHaveLength(2);
      const records = await listFollowUpRecords(ctx, ws);
      expect(records.find((r) => r.clientName === 'BDE SCIENCES PO AIX')).toMatchObject({ status: 'failed', error: failed.error });
    });

    it('never sends to a client who opted out after the message was queued', async () => {
      const batch = await vipBatch();
      const { batchId } = await enqueueFollowUpEmails(ctx, ws, { messages: batch });
      await setDoNotContact(ctx, ws, batch[0]!.clientId, true);
      expect(await sendDueMessages(ctx, { policy: POLICY })).toMatchObject({ sent: 2, cancelled: 1 });
      const p = await getOutboxProgress(ctx, ws, batchId);
      expect(p.messages.find((m) => m.clientId === batch[0]!.clientId)).toMatchObject({
        state: 'cancelled',
        error: expect.stringMatching(/désinscrit/),
      });
      expect(smtp.received).toHaveLength(2);
    });

    it('refuses to enqueue without SMTP settings, to a client without address, or with a variable left', async () => {
      await db.db.deleteFrom('mail_settings').execute();
      await expect(enqueueFollowUpEmails(ctx, ws, { messages: await vipBatch() })).rejects.toMatchObject({ code: 'invalid_input' });
      await useServer(smtp.port);
      const ym = await clientId('YELLOW MONKEYS');
      await db.db.updateTable('clients').set({ email: null }).where('id', '=', ym).execute();
      const bar = await clientId('BAR DU PORT MARTIGUES');
      const { results } = await enqueueFollowUpEmails(ctx, ws, {
        messages: [
          { clientId: ym, subject: 'a', body: 'b' },
          { clientId: bar, subject: 'Salut', body: 'Bonjour {{prenom}}' },
        ],
      });
      expect(results).toMatchObject([
        { result: 'refused', reason: 'no_email', message: 'YELLOW MONKEYS n’a pas d’adresse e-mail valide.' },
        { result: 'refused', reason: 'invalid', message: expect.stringContaining('{{prenom}}') },
      ]);
    });

    it('stores the SMTP password encrypted, never shows it, and logs in with it; sends a test', async () => {
      const authSmtp = await startTestSmtp({ user: 'apikey', pass: 'S3cr3t-p@ss' });
      try {
        const view = await saveMailSettings(ctx, ws, {
          host: '127.0.0.1',
          port: authSmtp.port,
          secure: false,
          username: 'apikey',
          password: 'S3cr3t-p@ss',
          fromName: 'DJ Max',
          fromAddress: 'dj@djmax.example',
        });
        expect(view).toEqual({
          configured: true,
          host: '127.0.0.1',
          port: authSmtp.port,
          secure: false,
          username: 'apikey',
          hasPassword: true,
          fromName: 'DJ Max',
          fromAddress: 'dj@djmax.example',
        });
        const row = await db.db.selectFrom('mail_settings').selectAll().executeTakeFirstOrThrow();
        expect(row.password_encrypted).toMatch(/^v1:/);
        expect(JSON.stringify(row)).not.toContain('S3cr3t');
        expect(JSON.stringify(await getMailSettings(ctx, ws))).not.toContain('S3cr3t');

        const test = await sendTestMail(ctx, ws);
        expect(test).toMatchObject({ ok: true, to: 'dj@djmax.example' });
        expect(decodeEncodedWords(headersOf(authSmtp.accepted[0]!.raw).get('subject')!)).toBe('Test d’envoi DJ Booker Pro ✅');

        // Saving without a password keeps the stored one.
        await saveMailSettings(ctx, ws, {
          host: '127.0.0.1',
          port: authSmtp.port,
          secure: false,
          username: 'apikey',
          fromName: 'DJ',
          fromAddress: 'dj@djmax.example',
        });
        expect(await sendTestMail(ctx, ws, 'moi@djmax.example')).toMatchObject({ ok: true, to: 'moi@djmax.example' });

        await saveMailSettings(ctx, ws, {
          host: '127.0.0.1',
          port: authSmtp.port,
          secure: false,
          username: 'apikey',
          password: 'wrong',
          fromName: 'DJ',
          fromAddress: 'dj@djmax.example',
        });
        const bad = await sendTestMail(ctx, ws);
        expect(bad).toMatchObject({ ok: false });
        expect((bad as { error: string }).error).toMatch(/^Identifiant ou mot de passe refusé/);
        expect((bad as { error: string }).error).not.toContain('wrong');

        // Another key (the key file lost, DJBOOKER_SECRET_KEY changed): a clear error, not garbage.
        const other: MailContext = { ...ctx, secretBox: secretBoxFromKey(randomBytes(32)) };
        await expect(sendTestMail(other, ws)).rejects.toThrow(/ne peut pas être déchiffré/);
      } finally {
        await authSmtp.close();
      }
    });
    it('exports a .eml draft (UTF-8 subject, opt-out line, List-Unsubscribe) recorded "à confirmer"', async () => {
      const id = await clientId('LA TAVERNE DES ÉCRINS');
      const d = await getFollowUpDraft(ctx, ws, id);
      const { fileName, content, followUp } = await exportFollowUpEml(ctx, ws, {
        clientId: id,
        subject: d.subject,
        body: d.body,
        template: d.template,
      });
      expect(fileName).toBe('relance-la-taverne-des-ecrins-2026-01-14.eml');
      const raw = content.toString('utf8');
      const h = headersOf(raw);
      expect(decodeEncodedWords(h.get('subject')!)).toBe('On se retrouve bientôt ? 🎵');
      expect(h.get('x-unsent')).toBe('1');
      expect(h.get('list-unsubscribe')).toBe('<mailto:dj@djmax.example?subject=STOP>');
      expect(textBodyOf(raw)).toContain('Bonjour Yannick,');
      expect(followUp).toMatchObject({ channel: 'eml', status: 'to_confirm' });
      expect((await getClientCadence(ctx, ws, id)).blocked).toBeNull();
      expect(smtp.received).toHaveLength(0);
    });
  });
}
