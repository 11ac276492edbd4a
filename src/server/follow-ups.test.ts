/**
 * Follow-ups over HTTP on the demo data (reference date 2026-01-14), on both engines, sending
 * through a real SMTP server on loopback: the generator, sending and the cadence's 409, the VIP
 * batch through the outbox and its sender, the .eml, outcomes, templates, mail settings, and the
 * public unsubscribe page.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/wait';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { decodeEncodedWords, headersOf, startTestSmtp, textBodyOf, type TestSmtp } from '../../test/support/smtp';
import { parseEnv } from '../app/env';
import { buildServer, type ServerOptions } from './server';
import { call, callerFrom, type Caller } from './test-client';
import { PLACEHOLDER_NAMES } from '../domain/follow-ups/templates';

const NOW = new Date('2026-01-14T10:00:00Z');
const SMTP_USER = { user: 'djmax', pass: 'mot de passe SMTP très secret' };
const PUBLIC_URL = 'https://crm.djmax.example';

for (const engine of testEngines()) {
  describe(`follow-ups over HTTP on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let smtp: TestSmtp;
    let app: FastifyInstance;
    let owner: Caller;
    const env = parseEnv({ DJBOOKER_SECRET_KEY: randomBytes(32).toString('base64'), PUBLIC_URL });

    async function serve(extra: Partial<ServerOptions> = {}): Promise<FastifyInstance> {
      return buildServer({ database, now: () => NOW, env, ...extra });
    }

    beforeEach(async () => {
      database = await engine.open();
      smtp = await startTestSmtp(SMTP_USER);
      app = await serve();
      owner = callerFrom(
        await call(app, 'POST', '/api/setup', { body: { name: 'Max', email: 'max@example.fr', password: 'correct horse battery' } }),
      );
      expect((await send('POST', '/api/demo')).statusCode).toBe(200);
      await send('PUT', '/api/settings', { djName: 'DJ Max', signature: 'Max\nDJ Pro' });
    });
    afterEach(async () => {
      await app.close();
      await smtp.close();
      await database.cleanup();
    });

    const get = (url: string) => call(app, 'GET', url, { as: owner });
    const send = (method: string, url: string, body?: unknown) => call(app, method, url, { as: owner, body });
    const mailSettings = () => ({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: SMTP_USER.user,
      password: SMTP_USER.pass,
      fromName: 'DJ Max',
      fromAddress: 'dj@djmax.example',
    });
    const clientId = async (name: string): Promise<number> => {
      const found = (await get(`/api/clients?q=${encodeURIComponent(name)}`)).json().clients.find((c: { name: string }) => c.name === name);
      expect(found, name).toBeDefined();
      return found.id;
    };
    const receivedBy = (address: string) => smtp.accepted.filter((m) => m.to.includes(address));

    it('opens the Standard template on YELLOW MONKEYS with its figures (7 gigs, 2 450 €, plus de 2 ans), switchable', async () => {
      const id = await clientId('YELLOW MONKEYS');
      const started = performance.now();
      const r = await get(`/api/clients/${id}/follow-up-draft`);
      const ms = performance.now() - started;
      expect(r.statusCode, r.body).toBe(200);
      const d = r.json();
      expect(d).toMatchObject({
        asOf: '2026-01-14',
        template: 'standard',
        suggestedTemplate: 'standard',
        subject: 'Nouveautés et disponibilités - DJ Pro',
        client: {
          clientId: id,
          name: 'YELLOW MONKEYS',
          status: 'lapsed',
          vip: false,
          gigs: 7,
          revenue: 2450,
          lastDate: '2023-06-27',
          daysInactive: 932,
          email: 'contact@yellow-monkeys.example',
        },
        cadence: { blocked: null, allowedFrom: null, proposed: true, notProposedBecause: null, optedOut: false, nextGentleReminder: null },
      });
      expect(d.body).toMatch(/^Bonjour Kevin,/);
      expect(d.body).toContain('7 prestations ensemble, la dernière le 27 juin 2023 : cela fait plus de 2 ans !');
      expect(d.mailto.startsWith('mailto:contact@yellow-monkeys.example?subject=Nouveaut')).toBe(true);
      expect(ms).toBeLessThan(2000);

      const vip = (await get(`/api/clients/${id}/follow-up-draft?template=vipLapsed`)).json();
      expect(vip).toMatchObject({ template: 'vipLapsed', suggestedTemplate: 'standard', subject: 'On se retrouve bientôt ? 🎵' });
      expect((await get(`/api/clients/${id}/follow-up-draft?template=vip_inactive`)).statusCode).toBe(400);
      expect((await get(`/api/clients/${await clientId('BAR DU PORT MARTIGUES')}/follow-up-draft`)).json().template).toBe('vipLapsed');
      expect((await get(`/api/clients/${await clientId('CAMPING LES PINS SAVINES')}/follow-up-draft`)).json().template).toBe(
        'gentleReminder',
      );
      expect((await get(`/api/clients/${await clientId('Gergom Events')}/follow-up-draft`)).json().template).toBe('loyalty');
      expect((await get('/api/clients/999999/follow-up-draft')).statusCode).toBe(404);
    });

    it('sends through the SMTP server of the settings once, then refuses a second follow-up within 30 days unless forced', async () => {
      const id = await clientId('YELLOW MONKEYS');
      const d = (await get(`/api/clients/${id}/follow-up-draft`)).json();
      const message = { clientId: id, subject: d.subject, body: d.body, template: d.template };
      // Without settings, nothing can be sent.
      const unset = await send('POST', '/api/follow-ups/send', { ...message, idempotencyKey: 'generateur-0001' });
      expect(unset.statusCode).toBe(400);
      expect(unset.json().error.message).toMatch(/Aucun serveur d’envoi/);

      const saved = await send('PUT', '/api/mail-settings', mailSettings());
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toEqual({
        configured: true,
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        username: 'djmax',
        hasPassword: true,
        fromName: 'DJ Max',
        fromAddress: 'dj@djmax.example',
      });
      const shown = await get('/api/mail-settings');
      expect(shown.body).not.toContain(SMTP_USER.pass);
      expect(shown.json().hasPassword).toBe(true);
      const stored = await database.db.selectFrom('mail_settings').select('password_encrypted').executeTakeFirstOrThrow();
      expect(stored.password_encrypted).not.toContain(SMTP_USER.pass);
      // Saving again without a password keeps the stored one.
      const { password: _password, ...withoutPassword } = mailSettings();
      expect((await send('PUT', '/api/mail-settings', withoutPassword)).json().hasPassword).toBe(true);

      const test = await send('POST', '/api/mail-settings/test', {});
      expect(test.json()).toMatchObject({ ok: true, to: 'dj@djmax.example' });
      expect(decodeEncodedWords(headersOf(smtp.accepted[0]!.raw).get('subject')!)).toBe('Test d’envoi DJ Booker Pro ✅');

      const started = performance.now();
      const sent = await send('POST', '/api/follow-ups/send', { ...message, idempotencyKey: 'generateur-0001' });
      const ms = performance.now() - started;
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({
        result: 'queued',
        followUpId: expect.any(Number),
        message: { state: 'sent', attempts: 1, client: 'YELLOW MONKEYS', to: 'contact@yellow-monkeys.example', error: null },
      });
      expect(ms).toBeLessThan(5000);
      // A double click: the same key finds the message already sent.
      const twice = await send('POST', '/api/follow-ups/send', { ...message, idempotencyKey: 'generateur-0001' });
      expect(twice.json()).toMatchObject({ result: 'duplicate', message: { state: 'sent' } });

      const mails = receivedBy('contact@yellow-monkeys.example');
      expect(mails).toHaveLength(1);
      const h = headersOf(mails[0]!.raw);
      expect(h.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i);
      expect(decodeEncodedWords(h.get('subject')!)).toBe('Nouveautés et disponibilités - DJ Pro');
      expect(decodeEncodedWords(h.get('to')!)).toBe('Kevin Arnaud <contact@yellow-monkeys.example>');
      expect(h.get('list-unsubscribe')).toMatch(
        /^<https:\/\/crm\.djmax\.example\/unsubscribe\/[A-Za-z0-9_-]{32}>, <mailto:dj@djmax\.example\?subject=STOP>$/,
      );
      expect(h.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const body = textBodyOf(mails[0]!.raw);
      expect(body).toContain('7 prestations ensemble');
      expect(body).toContain('Désinscrivez-vous ici : https://crm.djmax.example/unsubscribe/');

      const timeline = (await get(`/api/follow-ups?clientId=${id}`)).json();
      expect(timeline).toMatchObject({
        total: 1,
        followUps: [
          {
            id: sent.json().followUpId,
            clientId: id,
            client: 'YELLOW MONKEYS',
            date: '2026-01-14',
            channel: 'email_sent',
            status: 'sent',
            template: 'standard',
            outcome: 'none',
          },
        ],
      });

      // Within 30 days: refused, with the day it becomes possible, on every channel, unless forced.
      const cadence = (await get(`/api/clients/${id}/cadence`)).json().cadence;
      expect(cadence).toMatchObject({ lastContact: '2026-01-14', allowedFrom: '2026-02-13', blocked: 'recent_follow_up', proposed: false });
      const refused = await send('POST', '/api/follow-ups/send', { ...message, idempotencyKey: 'generateur-0002' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toEqual({
        error: {
          code: 'conflict',
          message: expect.stringContaining('13'),
          details: { reason: 'recent_follow_up', lastContact: '2026-01-14', allowedFrom: '2026-02-13' },
        },
      });
      const copied = await send('POST', '/api/follow-ups', { ...message, channel: 'copied' });
      expect(copied.statusCode).toBe(409);
      expect(copied.json().error.details).toEqual({ reason: 'recent_follow_up', lastContact: '2026-01-14', allowedFrom: '2026-02-13' });
      expect(receivedBy('contact@yellow-monkeys.example')).toHaveLength(1);
      // In English when the interface asks for it: the single send's error, and a batch's refusal line.
      const tooSoon =
        'YELLOW MONKEYS: This client was already followed up on 2026-01-14: no more than one follow-up a month. A new one is possible from 2026-02-13 (or confirm to follow up anyway).';
      const inEnglish = await call(app, 'POST', '/api/follow-ups/send', {
        as: owner,
        lang: 'en',
        body: { ...message, idempotencyKey: 'generateur-0003' },
      });
      expect(inEnglish.json().error).toMatchObject({ code: 'conflict', message: tooSoon, details: { reason: 'recent_follow_up' } });
      const batch = await call(app, 'POST', '/api/follow-ups/batch', {
        as: owner,
        lang: 'en',
        body: { messages: [message], batchId: 'lot-en' },
      });
      expect(batch.json().results).toEqual([
        {
          clientId: id,
          result: 'refused',
          reason: 'recent_follow_up',
          message: tooSoon,
          lastContact: '2026-01-14',
          allowedFrom: '2026-02-13',
        },
      ]);
      const batchInFrench = await send('POST', '/api/follow-ups/batch', { messages: [message], batchId: 'lot-fr' });
      expect(batchInFrench.json().results[0].message).toMatch(/^YELLOW MONKEYS : Ce client a déjà été relancé le 2026-01-14/);

      const forced = await send('POST', '/api/follow-ups/send', { ...message, idempotencyKey: 'generateur-0002', force: true });
      expect(forced.statusCode, forced.body).toBe(200);
      expect(forced.json().message.state).toBe('sent');
      expect(receivedBy('contact@yellow-monkeys.example')).toHaveLength(2);
      const phone = await send('POST', '/api/follow-ups', {
        clientId: id,
        channel: 'phone',
        subject: 'Appel',
        body: 'Rappel pour la fête de juin',
        force: true,
      });
      expect(phone.statusCode, phone.body).toBe(201);
      expect(phone.json().followUp).toMatchObject({ channel: 'phone', status: 'sent' });
      expect((await get(`/api/follow-ups?clientId=${id}`)).json().total).toBe(3);
    });

    it('"Relancer tous les VIP inactifs": exactly the three VIP lapsed, enqueued twice, each sent once by the background sender', async () => {
      const withSender = await serve({ outboxSender: { pollMs: 50 } });
      try {
        expect((await call(withSender, 'PUT', '/api/mail-settings', { as: owner, body: mailSettings() })).statusCode).toBe(200);
        const batch = (await call(withSender, 'GET', '/api/follow-ups/vip-batch', { as: owner })).json();
        expect(batch).toMatchObject({ asOf: '2026-01-14', total: 3 });
        expect(batch.candidates.map((c: { client: { name: string } }) => c.client.name).sort()).toEqual([
          'BAR DU PORT MARTIGUES',
          'BDE SCIENCES PO AIX',
          'LA TAVERNE DES ÉCRINS',
        ]);
        expect(
          batch.candidates.every(
            (c: { template: string; cadence: { proposed: boolean } }) => c.template === 'vipLapsed' && c.cadence.proposed,
          ),
        ).toBe(true);
        const messages = batch.candidates.map((c: { client: { clientId: number }; subject: string; body: string; template: string }) => ({
          clientId: c.client.clientId,
          subject: c.subject,
          body: c.body,
          template: c.template,
        }));
        const addresses: string[] = batch.candidates.map((c: { client: { email: string } }) => c.client.email);
        // One recipient refused by the mail server: it fails alone, with its error.
        const refusedAddress = addresses[1]!;
        smtp.behaviour.refuse.set(refusedAddress, 'Mailbox unavailable');

        const body = { messages, batchId: 'lot-vip-2026-01-14' };
        const [first, second] = await Promise.all([
          call(withSender, 'POST', '/api/follow-ups/batch', { as: owner, body }),
          call(withSender, 'POST', '/api/follow-ups/batch', { as: owner, body }),
        ]);
        expect(first.statusCode, first.body).toBe(202);
        expect(second.statusCode, second.body).toBe(202);
        const results = [...first.json().results, ...second.json().results].map((r: { result: string }) => r.result).sort();
        expect(results).toEqual(['duplicate', 'duplicate', 'duplicate', 'queued', 'queued', 'queued']);

        const progress = await waitFor('the batch to be done', async () => {
          const p = (await call(withSender, 'GET', '/api/outbox?batchId=lot-vip-2026-01-14', { as: owner })).json();
          return p.done ? p : undefined;
        });
        expect(progress).toMatchObject({
          total: 3,
          done: true,
          counts: { queued: 0, sending: 0, sent: 2, failed: 1, uncertain: 0, cancelled: 0 },
        });
        const failed = progress.messages.find((m: { state: string }) => m.state === 'failed');
        expect(failed).toMatchObject({ to: refusedAddress, error: expect.stringContaining(refusedAddress) });

        // A third click after the end: still nothing new.
        const third = await call(withSender, 'POST', '/api/follow-ups/batch', { as: owner, body });
        expect(third.json().results.map((r: { result: string }) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate']);
        // Nothing was queued by it, so nothing is left for the sender to deliver later.
        const settled = (await call(withSender, 'GET', '/api/outbox?batchId=lot-vip-2026-01-14', { as: owner })).json();
        expect(settled).toMatchObject({ total: 3, done: true, counts: { queued: 0, sending: 0, sent: 2, failed: 1 } });
        for (const address of addresses) expect(receivedBy(address), address).toHaveLength(address === refusedAddress ? 0 : 1);
        expect(smtp.received.filter((m) => addresses.some((a) => m.to.includes(a)))).toHaveLength(2);
        for (const m of receivedBy(addresses[0]!))
          expect(decodeEncodedWords(headersOf(m.raw).get('subject')!)).toBe('On se retrouve bientôt ? 🎵');

        // The two who were sent are no longer proposed; the failed one still is.
        const after = (await call(withSender, 'GET', '/api/follow-ups/vip-batch', { as: owner })).json();
        expect(after.candidates.map((c: { client: { email: string } }) => c.client.email)).toEqual([refusedAddress]);
      } finally {
        await withSender.close();
      }
    });

    it('downloads a .eml recorded "à confirmer", confirms or discards it, and records outcomes', async () => {
      expect((await send('PUT', '/api/mail-settings', mailSettings())).statusCode).toBe(200);
      const id = await clientId('YELLOW MONKEYS');
      const d = (await get(`/api/clients/${id}/follow-up-draft`)).json();
      const r = await send('POST', '/api/follow-ups/eml', { clientId: id, subject: d.subject, body: d.body, template: d.template });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe('message/rfc822');
      expect(r.headers['content-disposition']).toBe('attachment; filename="relance-yellow-monkeys-2026-01-14.eml"');
      expect(decodeEncodedWords(headersOf(r.body).get('subject')!)).toBe('Nouveautés et disponibilités - DJ Pro');
      expect(headersOf(r.body).get('x-unsent')).toBe('1');
      const followUpId = Number(r.headers['x-follow-up-id']);
      const listed = (await get(`/api/follow-ups?clientId=${id}`)).json().followUps;
      expect(listed).toEqual([expect.objectContaining({ id: followUpId, channel: 'eml', status: 'to_confirm' })]);
      // Unconfirmed, it does not block the client.
      expect((await get(`/api/clients/${id}/cadence`)).json().cadence.blocked).toBeNull();
      const copied = await send('POST', '/api/follow-ups', { clientId: id, channel: 'copied', subject: d.subject, body: d.body });
      expect(copied.statusCode, copied.body).toBe(201);
      expect((await send('POST', `/api/follow-ups/${copied.json().followUp.id}/discard`)).statusCode).toBe(204);

      const confirmed = await send('POST', `/api/follow-ups/${followUpId}/confirm`);
      expect(confirmed.json().followUp).toMatchObject({ id: followUpId, status: 'sent' });
      expect((await send('POST', `/api/follow-ups/${followUpId}/confirm`)).statusCode).toBe(409);
      expect((await get(`/api/clients/${id}/cadence`)).json().cadence.blocked).toBe('recent_follow_up');
      const outcome = await send('PUT', `/api/follow-ups/${followUpId}/outcome`, { outcome: 'answered', date: '2026-01-16' });
      expect(outcome.json().followUp).toMatchObject({ outcome: 'answered', outcomeDate: '2026-01-16', outcomeAuto: false });
      expect((await send('PUT', `/api/follow-ups/${followUpId}/outcome`, { outcome: 'maybe' })).statusCode).toBe(400);
      // A gig booked within 90 days: "booking obtained" by itself.
      await send('PUT', `/api/follow-ups/${followUpId}/outcome`, { outcome: 'none' });
      expect((await send('POST', '/api/gigs', { clientId: id, date: '2026-03-07', amount: 400, status: 'confirmed' })).statusCode).toBe(
        201,
      );
      expect((await get(`/api/follow-ups?clientId=${id}`)).json().followUps[0]).toMatchObject({ outcome: 'booking', outcomeAuto: true });
    });

    it('edits templates with validation and a live preview, and resets them', async () => {
      const bad = await send('PUT', '/api/templates/standard', { subject: 'Bonjour {{client}}', body: 'Salut {{prenon}}, {{depuis' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({
        code: 'invalid_input',
        details: {
          problems: [expect.objectContaining({ field: 'body', token: '{{prenon}}' }), expect.objectContaining({ field: 'body' })],
        },
      });
      expect((await send('PUT', '/api/templates/unknown', { subject: 'a', body: 'b' })).statusCode).toBe(404);

      const preview = await send('POST', '/api/templates/preview', {
        subject: 'Pour {{client}}',
        body: '{{salutation}}, {{prestations}} en {{depuis}}.',
        clientId: await clientId('YELLOW MONKEYS'),
      });
      expect(preview.json()).toEqual({
        problems: [],
        rendered: { subject: 'Pour YELLOW MONKEYS', body: 'Bonjour Kevin, 7 prestations en plus de 2 ans.' },
      });
      expect((await send('POST', '/api/templates/preview', { subject: '{{nope}}', body: 'x' })).json()).toMatchObject({
        problems: [expect.objectContaining({ field: 'subject' })],
        rendered: null,
      });

      const saved = await send('PUT', '/api/templates/standard', {
        subject: 'Des nouvelles, {{client}} ?',
        body: '{{salutation}},\n\nÀ bientôt !\n{{signature}}',
      });
      expect(saved.json().template).toMatchObject({ key: 'standard', custom: true, subject: 'Des nouvelles, {{client}} ?' });
      const id = await clientId('YELLOW MONKEYS');
      expect((await get(`/api/clients/${id}/follow-up-draft`)).json()).toMatchObject({
        subject: 'Des nouvelles, YELLOW MONKEYS ?',
        body: 'Bonjour Kevin,\n\nÀ bientôt !\nMax\nDJ Pro',
      });
      const listed = (await get('/api/templates')).json();
      expect(listed.templates.map((t: { key: string }) => t.key)).toEqual(['vipLapsed', 'standard', 'gentleReminder', 'loyalty']);
      // Names only: the web words them (`templates.placeholder.<name>`), in the interface's language.
      expect(listed.placeholders).toEqual([...PLACEHOLDER_NAMES]);
      expect(listed.templates[0]).not.toHaveProperty('name');
      const reset = await send('DELETE', '/api/templates/standard');
      expect(reset.json().template).toMatchObject({ custom: false, subject: 'Nouveautés et disponibilités - DJ Pro' });
    });

    it('the unsubscribe link shows a page that escapes the name, and its POST (also one-click) opts the client out', async () => {
      const created = await send('POST', '/api/clients', { name: '<script>alert(1)</script>', contact: 'Zoé', email: 'zoe@example.fr' });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().client.id as number;
      expect((await send('PUT', '/api/mail-settings', mailSettings())).statusCode).toBe(200);
      const eml = await send('POST', '/api/follow-ups/eml', { clientId: id, subject: 'Bonjour', body: 'Des projets ?' });
      const token = /unsubscribe\/([A-Za-z0-9_-]+)>/.exec(headersOf(eml.body).get('list-unsubscribe') ?? '')?.[1];
      expect(token).toBeDefined();

      const pageResponse = await call(app, 'GET', `/unsubscribe/${token}`);
      expect(pageResponse.statusCode).toBe(200);
      expect(pageResponse.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(pageResponse.headers['content-security-policy']).toContain("default-src 'self'");
      expect(pageResponse.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(pageResponse.body).not.toContain('<script');
      expect(pageResponse.body).toContain('<form method="post">');
      expect(pageResponse.body).toContain('DJ Max');
      // Showing the page opts nobody out (link checkers open links).
      expect((await get(`/api/clients/${id}/cadence`)).json().cadence.optedOut).toBe(false);

      const oneClick = await app.inject({
        method: 'POST',
        url: `/unsubscribe/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.statusCode, oneClick.body).toBe(200);
      expect(oneClick.body).toContain('Désinscription confirmée');
      expect(oneClick.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(oneClick.body).not.toContain('<script');
      expect((await get(`/api/clients/${id}/cadence`)).json().cadence).toMatchObject({
        optedOut: true,
        blocked: 'opted_out',
        proposed: false,
      });
      const refused = await send('POST', '/api/follow-ups', { clientId: id, channel: 'copied', subject: 'x', body: 'y', force: true });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.details).toEqual({ reason: 'opted_out' });
      expect(
        (
          await send('POST', '/api/follow-ups/send', {
            clientId: id,
            subject: 'x',
            body: 'y',
            force: true,
            idempotencyKey: 'desinscrit-01',
          })
        ).statusCode,
      ).toBe(409);
      expect(receivedBy('zoe@example.fr')).toHaveLength(0);

      const again = await call(app, 'GET', `/unsubscribe/${token}`);
      expect(again.body).toContain('déjà prise en compte');
      expect(again.body).not.toContain('<form');
      const form = await app.inject({
        method: 'POST',
        url: `/unsubscribe/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'confirm=1',
      });
      expect(form.statusCode).toBe(200);
      for (const unknown of ['x'.repeat(32), 'not a token', '%3Cscript%3E']) {
        const r = await call(app, 'GET', `/unsubscribe/${unknown}`);
        expect(r.statusCode, unknown).toBe(404);
        expect(r.body).toContain('Lien de désinscription inconnu');
        expect(r.body).not.toContain('<script');
        expect((await call(app, 'POST', `/unsubscribe/${unknown}`)).statusCode).toBe(404);
      }

      // "Ne plus contacter" set back from the app.
      expect((await send('PUT', `/api/clients/${id}/do-not-contact`, { value: false })).json()).toEqual({
        clientId: id,
        doNotContact: false,
      });
      expect((await get(`/api/clients/${id}/cadence`)).json().cadence.optedOut).toBe(false);
      expect((await send('PUT', `/api/clients/${id}/do-not-contact`, { value: 'yes' })).statusCode).toBe(400);
    });

    it('keeps the SMTP password’s key outside the database, and starts without one', async () => {
      const keyless = await buildServer({ database, now: () => NOW });
      try {
        const put = (body: unknown) => call(keyless, 'PUT', '/api/mail-settings', { as: owner, body });
        const r = await put(mailSettings());
        if (engine.name === 'postgres') {
          // No DJBOOKER_SECRET_KEY: the password cannot be stored, everything else works.
          expect(r.statusCode).toBe(400);
          expect(r.json().error.message).toContain('DJBOOKER_SECRET_KEY');
          const { password: _p, username: _u, ...noPassword } = mailSettings();
          expect((await put(noPassword)).json()).toMatchObject({ configured: true, hasPassword: false });
        } else {
          expect(r.statusCode, r.body).toBe(200);
          const keyFile = join(String(database.dataDir), 'secret.key');
          expect(existsSync(keyFile)).toBe(true);
          expect(statSync(keyFile).mode & 0o777).toBe(0o600);
          expect(
            (await call(keyless, 'POST', '/api/mail-settings/test', { as: owner, body: { to: 'moi@example.fr' } })).json(),
          ).toMatchObject({ ok: true, to: 'moi@example.fr' });
        }
        expect((await call(keyless, 'DELETE', '/api/mail-settings', { as: owner })).statusCode).toBe(204);
        expect((await call(keyless, 'GET', '/api/mail-settings', { as: owner })).json()).toMatchObject({
          configured: false,
          hasPassword: false,
        });
      } finally {
        await keyless.close();
      }
    });
  });
}
