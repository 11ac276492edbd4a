/**
 * Follow-ups on the demo data (reference date 2026-01-14), on both engines: the generator, the
 * VIP batch, tracking and outcomes, cadence, opt-out, templates, and the CLI listing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliTarget, testEngines, type TestEngine } from '../../../test/support/databases';
import { main } from '../../cli/main';
import { getClientByNameKey } from '../../db/clients';
import { createWorkspace, getWorkspace, updateWorkspace, type Workspace } from '../../db/workspaces';
import { formatEuros } from '../../domain/money';
import { nameKey } from '../../domain/names';
import { followUpJson } from '../../contracts/follow-ups';
import { createBooking } from '../bookings';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { listTemplates, resetTemplate, saveTemplate } from './templates';
import { getClientCadence, getFollowUpDraft, listVipFollowUpCandidates, previewTemplate } from './drafts';
import { confirmFollowUp, discardFollowUp, listFollowUpRecords, markBookingsObtained, recordFollowUp, setFollowUpOutcome } from './record';
import { setDoNotContact, unsubscribeTokenOf, unsubscribeWithToken } from './unsubscribe';
import { exportFollowUpEml } from '../eml';
import { smtpMailer, type MailContext } from '../mailer';
import { secretBoxFromKey } from '../secret-box';
import { importFile } from '../import-file';

const DEMO = new URL('../../../demo/', import.meta.url).pathname;

for (const engine of testEngines()) {
  describe(`follow-ups on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: AppContext;
    let ws: Workspace;
    let clock: Date;

    beforeEach(async () => {
      db = await engine.open();
      clock = new Date('2026-01-14T10:00:00Z');
      ctx = { database: db, now: () => clock };
      ws = await createWorkspace(db.db, 'demo', ctx.now());
      await importFile(ctx, ws, { kind: 'clients', path: `${DEMO}clients_dj_clean.csv`, overrides: {}, dryRun: false });
      await importFile(ctx, ws, { kind: 'gigs', path: `${DEMO}prestations_dj_clean.csv`, overrides: {}, dryRun: false });
      await updateWorkspace(db.db, ws.id, {
        referenceDate: '2026-01-14',
        settings: { djName: 'DJ Max', signature: 'Max\nDJ Pro' },
      });
      ws = (await getWorkspace(db.db, ws.id))!;
    });
    afterEach(async () => db.cleanup());

    const clientId = async (name: string) => (await getClientByNameKey(db.db, ws.id, nameKey(name)))!.id;
    const message = (draft: { subject: string; body: string; template: string }) => ({
      subject: draft.subject,
      body: draft.body,
      template: draft.template as 'standard',
    });

    it('opens the Standard template on YELLOW MONKEYS with its figures (7 gigs, 2 450 €, plus de 2 ans)', async () => {
      const d = await getFollowUpDraft(ctx, ws, await clientId('YELLOW MONKEYS'));
      expect(d.template).toBe('standard');
      expect(d.suggestedTemplate).toBe('standard');
      expect(d.client).toMatchObject({
        name: 'YELLOW MONKEYS',
        gigs: 7,
        revenueCents: 245_000,
        lastDate: '2023-06-27',
        daysInactive: 932,
        status: 'lapsed',
        vip: false,
      });
      expect(formatEuros(d.client.revenueCents).replace(/\s/g, ' ')).toBe('2 450 €');
      expect(d.subject).toBe('Nouveautés et disponibilités - DJ Pro');
      expect(d.body).toMatch(/^Bonjour Kevin,/);
      expect(d.body).toContain('7 prestations ensemble, la dernière le 27 juin 2023 : cela fait plus de 2 ans !');
      expect(d.body).toContain('vendredi 16 janvier, samedi 17 janvier, vendredi 23 janvier et samedi 24 janvier');
      expect(d.body).toMatch(/Max\nDJ Pro$/);
      expect(d.mailto.startsWith('mailto:contact@yellow-monkeys.example?subject=Nouveaut')).toBe(true);
      expect(d.cadence).toMatchObject({ blocked: null, proposed: true, optedOut: false });

      const vip = await getFollowUpDraft(ctx, ws, await clientId('YELLOW MONKEYS'), { template: 'vipLapsed' });
      expect(vip.subject).toBe('On se retrouve bientôt ? 🎵');
      expect(vip.suggestedTemplate).toBe('standard');
    });

    it('chooses the template by segment and leaves booked dates out of the free ones', async () => {
      expect((await getFollowUpDraft(ctx, ws, await clientId('BAR DU PORT MARTIGUES'))).template).toBe('vipLapsed');
      expect((await getFollowUpDraft(ctx, ws, await clientId('CAMPING LES PINS SAVINES'))).template).toBe('gentleReminder');
      expect((await getFollowUpDraft(ctx, ws, await clientId('Gergom Events'))).template).toBe('loyalty');
      await createBooking(ctx, ws, {
        clientId: await clientId('Gergom Events'),
        date: '2026-01-16',
        amountCents: 90_000,
        status: 'option',
        type: null,
        venue: null,
        city: null,
        durationMinutes: null,
        notes: null,
      });
      const d = await getFollowUpDraft(ctx, ws, await clientId('YELLOW MONKEYS'));
      expect(d.body).toContain('samedi 17 janvier, vendredi 23 janvier, samedi 24 janvier et vendredi 30 janvier');
    });

    it('"Relancer tous les VIP inactifs" proposes exactly the three VIP lapsed clients, each with its own message', async () => {
      const list = await listVipFollowUpCandidates(ctx, ws);
      expect(list.map((d) => d.client.name).sort()).toEqual(['BAR DU PORT MARTIGUES', 'BDE SCIENCES PO AIX', 'LA TAVERNE DES ÉCRINS']);
      for (const d of list) {
        expect(d.template).toBe('vipLapsed');
        expect(d.subject).toBe('On se retrouve bientôt ? 🎵');
        expect(d.body).toContain(d.client.name);
        expect(d.body).toContain(`${d.client.gigs} prestations`);
        expect(d.body).not.toContain('{{');
      }
      expect(list.find((d) => d.client.name === 'BDE SCIENCES PO AIX')!.body).toMatch(/^Bonjour Léa,/);

      // Followed up, opted out, or with a confirmed gig coming: no longer proposed.
      const [bar, bde, taverne] = await Promise.all(
        ['BAR DU PORT MARTIGUES', 'BDE SCIENCES PO AIX', 'LA TAVERNE DES ÉCRINS'].map(clientId),
      );
      await recordFollowUp(ctx, ws, { clientId: bar!, channel: 'phone', subject: 'Appel', body: 'Appel de relance' });
      await setDoNotContact(ctx, ws, bde!, true);
      await createBooking(ctx, ws, {
        clientId: taverne!,
        date: '2026-03-07',
        amountCents: 8_000,
        status: 'confirmed',
        type: null,
        venue: null,
        city: null,
        durationMinutes: null,
        notes: null,
      });
      expect(await listVipFollowUpCandidates(ctx, ws)).toEqual([]);
    });

    it('tracks a follow-up per channel: copied is "to confirm" and does not block until confirmed', async () => {
      const id = await clientId('YELLOW MONKEYS');
      const d = await getFollowUpDraft(ctx, ws, id);
      const copied = await recordFollowUp(ctx, ws, { clientId: id, channel: 'copied', ...message(d) });
      expect(copied).toMatchObject({
        status: 'to_confirm',
        channel: 'copied',
        date: '2026-01-14',
        template: 'standard',
        subject: d.subject,
        body: d.body,
      });
      expect((await getClientCadence(ctx, ws, id)).blocked).toBeNull();

      // A second copy is fine while the first is unconfirmed; confirming one blocks the client.
      const again = await recordFollowUp(ctx, ws, { clientId: id, channel: 'mailto', ...message(d) });
      await discardFollowUp(ctx, ws, again.id);
      expect(await confirmFollowUp(ctx, ws, copied.id)).toMatchObject({ status: 'sent' });
      expect(await getClientCadence(ctx, ws, id)).toMatchObject({
        blocked: 'recent_follow_up',
        lastContact: '2026-01-14',
        allowedFrom: '2026-02-13',
        proposed: false,
      });

      // A second follow-up within 30 days is refused without confirmation, accepted with it.
      const refused = await recordFollowUp(ctx, ws, { clientId: id, channel: 'eml', ...message(d) }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'recent_follow_up', allowedFrom: '2026-02-13' } });
      expect((refused as AppError).message).toContain('13');
      const forced = await recordFollowUp(ctx, ws, { clientId: id, channel: 'eml', force: true, ...message(d) });
      expect(forced.status).toBe('to_confirm');

      // The reference date is for the figures: moving it frees no one. The 30 days pass on the clock.
      await updateWorkspace(db.db, ws.id, { referenceDate: '2026-02-13' });
      ws = (await getWorkspace(db.db, ws.id))!;
      expect((await getClientCadence(ctx, ws, id)).blocked).toBe('recent_follow_up');
      clock = new Date('2026-02-13T10:00:00Z');
      expect((await getClientCadence(ctx, ws, id)).blocked).toBeNull();
    });

    it('dates what happens today, whatever the reference date: the follow-up, its cadence, the free dates offered', async () => {
      // Figures looked at as of 14 January, on 1 December.
      clock = new Date('2026-12-01T10:00:00Z');
      const id = await clientId('YELLOW MONKEYS');
      const d = await getFollowUpDraft(ctx, ws, id, { template: 'vipLapsed' });
      expect(d).toMatchObject({ asOf: '2026-01-14', today: '2026-12-01' });
      // The figures beside the message are the reference date's; the message is today's.
      expect(d.client.daysInactive).toBe(932);
      expect(d.body).toContain('plus de 3 ans');
      expect(d.body).not.toMatch(/janvier|février/);
      expect(d.body).toMatch(/décembre/);
      const f = await recordFollowUp(ctx, ws, { clientId: id, channel: 'phone', subject: 'Appel', body: 'Appel' });
      expect(f.date).toBe('2026-12-01');
      expect(await getClientCadence(ctx, ws, id)).toMatchObject({ lastContact: '2026-12-01', allowedFrom: '2026-12-31' });
      // Europe/Paris: 23:30 UTC on 1 December is already the 2nd there.
      clock = new Date('2026-12-01T23:30:00Z');
      expect((await recordFollowUp(ctx, ws, { clientId: id, channel: 'phone', force: true, subject: 'Rappel', body: 'Rappel' })).date).toBe(
        '2026-12-02',
      );
    });

    it('one generator, one follow-up: Copier, then the mail program, then .eml update the first record', async () => {
      const id = await clientId('YELLOW MONKEYS');
      const d = await getFollowUpDraft(ctx, ws, id);
      const first = await recordFollowUp(ctx, ws, { clientId: id, channel: 'copied', ...message(d) });
      const second = await recordFollowUp(ctx, ws, {
        clientId: id,
        channel: 'mailto',
        ...message(d),
        subject: 'Objet revu',
        followUpId: first.id,
      });
      expect(second).toMatchObject({ id: first.id, channel: 'mailto', subject: 'Objet revu', status: 'to_confirm' });
      // No mail settings: the .eml needs neither the key nor a mail server.
      const mailCtx: MailContext = {
        ...ctx,
        secretBox: secretBoxFromKey(randomBytes(32)),
        mailerFor: (c) => smtpMailer(c),
        publicUrl: null,
      };
      const { content, followUp } = await exportFollowUpEml(mailCtx, ws, { clientId: id, ...message(d), followUpId: first.id });
      expect(content.length).toBeGreaterThan(0);
      expect(followUp).toMatchObject({ id: first.id, channel: 'eml' });
      const records = await listFollowUpRecords(ctx, ws, id);
      expect(records.map((r) => [r.id, r.channel, r.status])).toEqual([[first.id, 'eml', 'to_confirm']]);
      // The client's panel and the timeline agree: one to confirm, none sent.
      expect(await getClientCadence(ctx, ws, id)).toMatchObject({ lastContact: null, toConfirm: 1, lastToConfirm: '2026-01-14' });

      // Another client's record, or an unknown id, is never touched: a new follow-up is made.
      const other = await clientId('TENNIS CLUB DE GRANS');
      const own = await recordFollowUp(ctx, ws, { clientId: other, channel: 'copied', ...message(d), followUpId: first.id });
      expect(own.id).not.toBe(first.id);
      expect((await listFollowUpRecords(ctx, ws, id))[0]).toMatchObject({ channel: 'eml' });
    });

    it('refuses a message that still holds a placeholder', async () => {
      const id = await clientId('YELLOW MONKEYS');
      await expect(
        recordFollowUp(ctx, ws, { clientId: id, channel: 'copied', subject: 'Salut', body: 'Bonjour {{prenom}}' }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('records outcomes, and a gig booked within 90 days marks "booking obtained" by itself', async () => {
      const ym = await clientId('YELLOW MONKEYS');
      const sophie = await clientId('SOPHIE MARTIN');
      const tennis = await clientId('TENNIS CLUB DE GRANS');
      const f1 = await recordFollowUp(ctx, ws, { clientId: ym, channel: 'phone', subject: 'Appel', body: 'Appel' });
      const f2 = await recordFollowUp(ctx, ws, { clientId: sophie, channel: 'copied', subject: 'Relance', body: 'Texte' });
      const f3 = await recordFollowUp(ctx, ws, { clientId: tennis, channel: 'other', subject: 'Salon', body: 'Vu au salon' });
      await setFollowUpOutcome(ctx, ws, f3.id, { outcome: 'declined', date: '2026-01-20' });
      const answered = await setFollowUpOutcome(ctx, ws, f1.id, { outcome: 'answered' });
      expect(answered).toMatchObject({ outcome: 'answered', outcomeDate: '2026-01-14' });

      clock = new Date('2026-02-01T09:00:00Z');
      const booking = (clientIdOf: number, date: string) =>
        createBooking(ctx, ws, {
          clientId: clientIdOf,
          date,
          amountCents: 35_000,
          status: 'confirmed',
          type: null,
          venue: null,
          city: null,
          durationMinutes: null,
          notes: null,
        });
      await booking(ym, '2026-06-20');
      await booking(sophie, '2026-03-01');
      await booking(tennis, '2026-03-01');
      // createBooking credits the follow-up by itself: nothing is left to mark afterwards.
      expect(await markBookingsObtained(ctx, ws.id)).toBe(0);
      const byId = new Map((await listFollowUpRecords(ctx, ws)).map((f) => [f.id, f]));
      // Booked 18 days after the call, for a date in June: obtained, on the day it was booked.
      expect(followUpJson(byId.get(f1.id)!)).toMatchObject({ outcome: 'booking', outcomeDate: '2026-02-01', outcomeAuto: true });
      // Never confirmed as sent: not credited; declined by the user: left alone.
      expect(byId.get(f2.id)).toMatchObject({ outcome: 'none' });
      expect(byId.get(f3.id)).toMatchObject({ outcome: 'declined', outcomeDate: '2026-01-20' });

      // Confirming the copy later credits it, since the booking came after it and within 90 days.
      await confirmFollowUp(ctx, ws, f2.id);
      expect((await listFollowUpRecords(ctx, ws, sophie))[0]).toMatchObject({ outcome: 'booking' });
    });

    it('does not credit a booking made after the 90-day window for a date beyond it, nor an old gig imported later', async () => {
      const ym = await clientId('YELLOW MONKEYS');
      const f = await recordFollowUp(ctx, ws, { clientId: ym, channel: 'phone', subject: 'Appel', body: 'Appel' });
      clock = new Date('2026-04-20T09:00:00Z');
      await createBooking(ctx, ws, {
        clientId: ym,
        date: '2026-09-05',
        amountCents: 35_000,
        status: 'confirmed',
        type: null,
        venue: null,
        city: null,
        durationMinutes: null,
        notes: null,
      });
      await createBooking(ctx, ws, {
        clientId: ym,
        date: '2025-12-01',
        amountCents: 35_000,
        status: 'done',
        type: null,
        venue: null,
        city: null,
        durationMinutes: null,
        notes: null,
      });
      expect(await markBookingsObtained(ctx, ws.id)).toBe(0);
      expect((await listFollowUpRecords(ctx, ws, ym))[0]).toMatchObject({ id: f.id, outcome: 'none' });
    });

    it('credits a follow-up when an imported file brings a gig of that client within 90 days', async () => {
      const ym = await clientId('YELLOW MONKEYS');
      const f = await recordFollowUp(ctx, ws, { clientId: ym, channel: 'phone', subject: 'Appel', body: 'Appel' });
      const dir = mkdtempSync(join(tmpdir(), 'djbooker-followup-'));
      const file = join(dir, 'nouvelles.csv');
      writeFileSync(file, 'Date;Client;Montant\n10/02/2026;Yellow Monkeys;350\n');
      clock = new Date('2026-02-12T09:00:00Z');
      expect((await importFile(ctx, ws, { kind: 'gigs', path: file, overrides: {}, dryRun: false })).imported).toBe(1);
      expect(followUpJson((await listFollowUpRecords(ctx, ws, ym))[0]!)).toMatchObject({ id: f.id, outcome: 'booking', outcomeAuto: true });
    });

    it('"ne plus contacter" refuses every channel, even forced; the unsubscribe token does the same', async () => {
      const ym = await clientId('YELLOW MONKEYS');
      await setDoNotContact(ctx, ws, ym, true);
      await expect(recordFollowUp(ctx, ws, { clientId: ym, channel: 'phone', subject: 'x', body: 'x', force: true })).rejects.toMatchObject(
        { code: 'conflict', details: { reason: 'opted_out' } },
      );
      expect(await getClientCadence(ctx, ws, ym)).toMatchObject({ optedOut: true, blocked: 'opted_out', proposed: false });
      await setDoNotContact(ctx, ws, ym, false);
      expect((await getClientCadence(ctx, ws, ym)).optedOut).toBe(false);

      const bar = await clientId('BAR DU PORT MARTIGUES');
      const token = await unsubscribeTokenOf(db.db, ws.id, bar);
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await unsubscribeTokenOf(db.db, ws.id, bar)).toBe(token);
      expect(await unsubscribeWithToken(ctx, token)).toEqual({ clientName: 'BAR DU PORT MARTIGUES', alreadyDone: false });
      expect(await unsubscribeWithToken(ctx, token)).toEqual({ clientName: 'BAR DU PORT MARTIGUES', alreadyDone: true });
      await expect(unsubscribeWithToken(ctx, 'x'.repeat(32))).rejects.toMatchObject({ code: 'not_found' });
      expect((await getClientCadence(ctx, ws, bar)).optedOut).toBe(true);
    });

    it('saves edited templates after validation, previews them live, and resets them', async () => {
      const refused = saveTemplate(ctx, ws, 'standard', { subject: 'Salut {{prenom}}', body: 'Hello {{inconnu}}' });
      await expect(refused).rejects.toMatchObject({
        code: 'invalid_input',
        details: { problems: [{ field: 'body', token: '{{inconnu}}', code: 'unknown_placeholder' }] },
      });
      // Worded from the code, in French for the logs and the CLI (the API words it in the request's language).
      await expect(refused).rejects.toThrow(
        /^Message : Variable inconnue \{\{inconnu\}\} : les variables possibles sont \{\{salutation\}\}, \{\{prenom\}\}, /,
      );
      await expect(saveTemplate(ctx, ws, 'nope', { subject: 'a', body: 'b' })).rejects.toMatchObject({ code: 'not_found' });
      const saved = await saveTemplate(ctx, ws, 'standard', {
        subject: 'Des nouvelles, {{prenom}} ?',
        body: '{{salutation}},\n\n{{client}} : {{prestations}}, {{ca}}.\n\n{{signature}}',
      });
      expect(saved).toMatchObject({ key: 'standard', custom: true });
      const d = await getFollowUpDraft(ctx, ws, await clientId('YELLOW MONKEYS'));
      expect(d.subject).toBe('Des nouvelles, Kevin ?');
      expect(d.body).toBe(`Bonjour Kevin,\n\nYELLOW MONKEYS : 7 prestations, ${formatEuros(245_000)}.\n\nMax\nDJ Pro`);

      expect(await previewTemplate(ctx, ws, { subject: 'x', body: '{{oops' })).toMatchObject({
        rendered: null,
        problems: [{ field: 'body' }],
      });
      const preview = await previewTemplate(ctx, ws, { subject: '{{client}}', body: '{{depuis}}' });
      expect(preview.rendered).toEqual({ subject: 'YELLOW MONKEYS', body: 'plus de 2 ans' });

      await resetTemplate(ctx, ws, 'standard');
      expect((await listTemplates(ctx, ws)).map((t) => [t.key, t.custom])).toEqual([
        ['vipLapsed', false],
        ['standard', false],
        ['gentleReminder', false],
        ['loyalty', false],
      ]);
    });

    it('`djbooker followups --json` lists follow-ups and outcomes', async () => {
      const ym = await clientId('YELLOW MONKEYS');
      const f = await recordFollowUp(ctx, ws, {
        clientId: ym,
        channel: 'copied',
        subject: 'Nouveautés',
        body: 'Texte',
        template: 'standard',
      });
      await setFollowUpOutcome(ctx, ws, f.id, { outcome: 'no_answer', date: '2026-01-30' });
      const { env, args: dataArgs } = cliTarget(db.options);
      let out = '';
      const code = await main(['followups', '--json', ...dataArgs], {
        out: (t) => {
          out += t;
        },
        err: () => {},
        env,
        now: () => clock,
      });
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual([
        {
          id: f.id,
          client: 'YELLOW MONKEYS',
          date: '2026-01-14',
          channel: 'copied',
          template: 'standard',
          subject: 'Nouveautés',
          status: 'to_confirm',
          outcome: 'no_answer',
          outcomeDate: '2026-01-30',
        },
      ]);
      out = '';
      expect(
        await main(['followups', '--client', 'yellow monkeys', ...dataArgs], {
          out: (t) => {
            out += t;
          },
          err: () => {},
          env,
          now: () => clock,
        }),
      ).toBe(0);
      expect(out).toContain('À confirmer');
      expect(out).toContain('Sans réponse (30/01/2026)');
      let err = '';
      expect(
        await main(['followups', '--client', 'Inconnu', ...dataArgs], {
          out: () => {},
          err: (t) => {
            err += t;
          },
          env,
          now: () => clock,
        }),
      ).toBe(2);
      expect(err).toContain('Client inconnu');
    });
  });
}
