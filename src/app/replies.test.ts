/**
 * Reading replies from a real IMAP server on loopback (Debian's dovecot, test/support/imap.ts) on
 * both engines: follow-ups sent through a real SMTP server, then the mailbox filled with a real
 * reply, a reply without headers, an auto-reply, a bounce and a stranger's message; a server
 * restart and a UIDVALIDITY change. The mailbox is compared before and after: nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTarget, testEngines } from '../../test/support/databases';
import { rawMail as mail, startRepliesFixture, type RepliesFixture } from '../../test/support/replies';
import { main } from '../cli/main';
import { checkResultSchema } from '../contracts/replies';
import { getClientByNameKey } from '../db/clients';
import { getContactPrefs, getFollowUp } from '../db/follow-ups';
import { nameKey } from '../domain/names';
import { updateClient } from './client-pages';
import { getClientCadence } from './follow-ups/drafts';
import { setFollowUpOutcome } from './follow-ups/record';
import { AppError } from './errors';
import { checkMailbox, deleteImapSettings, getImapSettings, listReplies, saveImapSettings, testImapSettings, undoReply } from './replies';

const CLIENTS = {
  answers: 'ISTRES PROVENCE HANDBALL',
  writesAgain: 'Gergom Events',
  bounces: 'ROOFTOP EMBRUN',
  onHoliday: 'YELLOW MONKEYS',
  booked: 'GABRIELE REINE',
} as const;
type Who = keyof typeof CLIENTS;

for (const engine of testEngines()) {
  describe(`replies from a real mailbox on ${engine.name}`, () => {
    let f: RepliesFixture;
    let db: RepliesFixture['db'];
    let ctx: RepliesFixture['ctx'];
    let ws: RepliesFixture['ws'];
    let imap: RepliesFixture['imap'];
    let key: Buffer;

    beforeAll(async () => {
      f = await startRepliesFixture(engine, Object.values(CLIENTS));
      ({ db, ctx, ws, imap, key } = f);
    });
    afterAll(async () => {
      await f?.close();
    });

    const of = (who: Who) => f.sent.get(CLIENTS[who])!;
    const fu = (who: Who) => getFollowUp(db.db, ws.id, of(who).followUpId);

    it('refuses a port beyond this machine that is not IMAP, and keeps the password sealed and out of the view', async () => {
      await expect(
        saveImapSettings(ctx, ws, { host: '192.0.2.10', port: 22, secure: true, username: 'dj', password: 'x', folder: 'INBOX' }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      const view = await saveImapSettings(ctx, ws, {
        host: '127.0.0.1',
        port: imap.port,
        secure: false,
        username: imap.user,
        password: imap.pass,
        folder: 'INBOX',
      });
      expect(view).toMatchObject({ configured: true, folder: 'INBOX', hasPassword: true, state: { lastCheckAt: null } });
      expect(JSON.stringify(view)).not.toContain(imap.pass);
      const stored = await db.db.selectFrom('imap_settings').select('password_encrypted').executeTakeFirstOrThrow();
      expect(stored.password_encrypted).not.toContain(imap.pass);
      // Another user needs the password typed again.
      await expect(
        saveImapSettings(ctx, ws, { host: '127.0.0.1', port: imap.port, secure: false, username: 'other', folder: 'INBOX' }),
      ).rejects.toThrow(/mot de passe/);
      expect(await testImapSettings(ctx, ws)).toEqual({ ok: true, folder: 'INBOX', messages: 0 });
    });

    it('matches a reply, a reply without headers, an auto-reply and a bounce, ignores a stranger, and changes nothing in the mailbox', async () => {
      expect(await checkMailbox(ctx, ws.id)).toMatchObject({ read: 0, matched: [], ignored: 0 });
      await setFollowUpOutcome(ctx, ws, of('booked').followUpId, { outcome: 'booking', date: '2026-01-15' });

      await imap.deliver(
        mail(
          {
            From: `Marc <${of('answers').address}>`,
            To: 'dj@djmax.example',
            Subject: 'Re: Une date cet été ?',
            Date: 'Tue, 20 Jan 2026 09:00:00 +0100',
            'Message-ID': '<r1@istres.example>',
            'In-Reply-To': of('answers').messageId,
            References: of('answers').messageId,
          },
          'Oui, le 14 juillet !\n\nLe 14 janv. 2026, DJ Max a écrit :\n> Bonjour',
        ),
      );
      await imap.deliver(
        mail(
          {
            From: of('writesAgain').address,
            To: 'dj@djmax.example',
            Subject: 'Nouvelle soirée',
            Date: 'Wed, 21 Jan 2026 09:00:00 +0100',
            'Message-ID': '<r2@gergom.example>',
          },
          'Bonjour, êtes-vous libre en mai ?',
        ),
      );
      await imap.deliver(
        mail(
          {
            From: of('onHoliday').address,
            To: 'dj@djmax.example',
            Subject: 'Réponse automatique : absent',
            Date: 'Wed, 21 Jan 2026 10:00:00 +0100',
            'Message-ID': '<r3@ym.example>',
            'Auto-Submitted': 'auto-replied',
            'In-Reply-To': of('onHoliday').messageId,
          },
          'Je suis absent jusqu’au 2 février.',
        ),
      );
      await imap.deliver(
        mail(
          {
            From: 'Mail Delivery System <MAILER-DAEMON@mx.rooftop-embrun.example>',
            To: 'dj@djmax.example',
            Subject: 'Undelivered Mail Returned to Sender',
            Date: 'Wed, 21 Jan 2026 11:00:00 +0100',
            'Message-ID': '<dsn1@mx.example>',
            'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b1"',
          },
          [
            '--b1',
            'Content-Type: text/plain',
            '',
            'Your message could not be delivered.',
            '--b1',
            'Content-Type: message/delivery-status',
            '',
            'Reporting-MTA: dns; mx.example',
            '',
            `Final-Recipient: rfc822; ${of('bounces').address}`,
            'Action: failed',
            'Status: 5.1.1',
            '--b1',
            'Content-Type: text/rfc822-headers',
            '',
            `Message-ID: ${of('bounces').messageId}`,
            'Subject: Une date cet été ?',
            '--b1--',
          ].join('\n'),
        ),
      );
      await imap.deliver(
        mail(
          {
            From: 'promo@stranger.example',
            To: 'dj@djmax.example',
            Subject: 'Achetez nos enceintes',
            Date: 'Wed, 21 Jan 2026 12:00:00 +0100',
            'Message-ID': '<s1@stranger.example>',
          },
          'Promo !',
        ),
      );
      await imap.deliver(
        mail(
          {
            From: of('booked').address,
            To: 'dj@djmax.example',
            Subject: 'Re: Une date cet été ?',
            Date: 'Thu, 22 Jan 2026 09:00:00 +0100',
            'In-Reply-To': of('booked').messageId,
          },
          'Merci, à bientôt',
        ),
      );

      const before = await imap.snapshot();
      const result = await checkMailbox(ctx, ws.id);
      expect(await imap.snapshot()).toEqual(before);

      expect(result).toMatchObject({ read: 6, ignored: 1, uidValidityChanged: false });
      const byFollowUp = new Map(result!.matched.map((m) => [m.followUpId, m]));
      expect(byFollowUp.get(of('answers').followUpId)).toMatchObject({
        kind: 'reply',
        certainty: 'certain',
        reason: 'in_reply_to',
        applied: true,
      });
      expect(byFollowUp.get(of('writesAgain').followUpId)).toMatchObject({
        kind: 'reply',
        certainty: 'probable',
        reason: 'sender_within_window',
        applied: true,
      });
      expect(byFollowUp.get(of('onHoliday').followUpId)).toMatchObject({ kind: 'auto_reply', applied: false });
      expect(byFollowUp.get(of('bounces').followUpId)).toMatchObject({ kind: 'bounce', certainty: 'certain', applied: false });
      expect(byFollowUp.get(of('booked').followUpId)).toMatchObject({ kind: 'reply', certainty: 'certain', applied: false });

      expect(await fu('answers')).toMatchObject({ outcome: 'answered', outcomeDate: '2026-01-20', outcomeAuto: 2 });
      expect(await fu('writesAgain')).toMatchObject({ outcome: 'answered', outcomeDate: '2026-01-21' });
      expect(await fu('onHoliday')).toMatchObject({ outcome: 'none', status: 'sent' });
      expect(await fu('booked')).toMatchObject({ outcome: 'booking', outcomeDate: '2026-01-15' });
      expect(await fu('bounces')).toMatchObject({ outcome: 'none', status: 'failed' });
      const bounced = (await getClientByNameKey(db.db, ws.id, nameKey(CLIENTS.bounces)))!;
      expect((await getContactPrefs(db.db, ws.id, bounced.id))?.emailFailingReason).toContain(of('bounces').address);
      // The generator says so, until the client's address changes.
      expect((await getClientCadence(ctx, ws, bounced.id)).emailFailingSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await updateClient(ctx, ws, '2026-01-14', bounced.id, { email: 'nouvelle-adresse@example.org' });
      expect((await getClientCadence(ctx, ws, bounced.id)).emailFailingSince).toBeNull();
      const notBounced = (await getClientByNameKey(db.db, ws.id, nameKey(CLIENTS.answers)))!;
      expect((await getClientCadence(ctx, ws, notBounced.id)).emailFailingSince).toBeNull();

      // The timeline: the date, the subject and the first lines, without the quoted message.
      const answeredClient = (await getClientByNameKey(db.db, ws.id, nameKey(CLIENTS.answers)))!;
      expect(await listReplies(ctx, ws, answeredClient.id)).toEqual([
        expect.objectContaining({
          kind: 'reply',
          receivedDate: '2026-01-20',
          subject: 'Re: Une date cet été ?',
          excerpt: 'Oui, le 14 juillet !',
          certainty: 'certain',
          undone: false,
        }),
      ]);

      // A probable match is undone in one step: the follow-up gets its outcome back.
      const writer = (await getClientByNameKey(db.db, ws.id, nameKey(CLIENTS.writesAgain)))!;
      const [probable] = await listReplies(ctx, ws, writer.id);
      expect(await undoReply(ctx, ws, probable!.id)).toMatchObject({ undone: true });
      expect(await fu('writesAgain')).toMatchObject({ outcome: 'none', outcomeDate: null });

      // Nothing new: nothing read again.
      expect(await checkMailbox(ctx, ws.id)).toMatchObject({ read: 0, matched: [] });
      expect(await imap.snapshot()).toEqual(before);
    });

    it('says in words when the server is down, and goes on from the last message after it restarts', async () => {
      await imap.stop();
      const refused = await checkMailbox(ctx, ws.id).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(AppError);
      // Worded in each language from the kind, the technical text after it.
      expect((refused as AppError).textIn('fr')).toMatch(
        /^Lecture de la boîte de réception impossible : le serveur refuse la connexion .*\(.*ECONNREFUSED/,
      );
      expect((refused as AppError).textIn('en')).toMatch(/^The inbox cannot be read: the server refuses the connection .*\(.*ECONNREFUSED/);
      expect((await getImapSettings(ctx, ws)).state).toMatchObject({
        lastError: { kind: 'connection_refused', detail: expect.stringContaining('ECONNREFUSED') },
        failures: 1,
      });
      await imap.start();
      await imap.deliver(
        mail(
          {
            From: of('onHoliday').address,
            To: 'dj@djmax.example',
            Subject: 'Re: Une date cet été ?',
            Date: 'Mon, 26 Jan 2026 09:00:00 +0100',
            'In-Reply-To': of('onHoliday').messageId,
          },
          'De retour : oui pour juin.',
        ),
      );
      // One pass from the command line, as a script would run it.
      const target = cliTarget(db.options);
      let out = '';
      let err = '';
      const code = await main(['replies', '--check', '--json', ...target.args], {
        out: (t) => (out += t),
        err: (t) => (err += t),
        env: { ...target.env, DJBOOKER_SECRET_KEY: key.toString('base64') },
        now: ctx.now,
      });
      expect({ code, err }).toEqual({ code: 0, err: '' });
      const result = checkResultSchema.parse(JSON.parse(out));
      expect(result).toMatchObject({
        read: 1,
        matched: [expect.objectContaining({ kind: 'reply', certainty: 'certain', followUpId: of('onHoliday').followUpId })],
      });
      expect((await getImapSettings(ctx, ws)).state).toMatchObject({ lastError: null, failures: 0 });
      expect(await fu('onHoliday')).toMatchObject({ outcome: 'answered', outcomeDate: '2026-01-26' });
    });

    it('reads the folder again after a UIDVALIDITY change without counting a message twice', async () => {
      const recorded = await db.db
        .selectFrom('mail_replies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      imap.changeUidValidity(4242);
      await imap.deliver(
        mail(
          {
            From: of('writesAgain').address,
            To: 'dj@djmax.example',
            Subject: 'Re: Une date cet été ?',
            Date: 'Tue, 27 Jan 2026 09:00:00 +0100',
            'Message-ID': '<r9@gergom.example>',
            'In-Reply-To': of('writesAgain').messageId,
          },
          'Finalement oui !',
        ),
      );
      const result = await checkMailbox(ctx, ws.id);
      expect(result).toMatchObject({ uidValidityChanged: true, read: 8 });
      expect(result!.matched).toEqual([
        expect.objectContaining({ followUpId: of('writesAgain').followUpId, certainty: 'certain', applied: true }),
      ]);
      const after = await db.db
        .selectFrom('mail_replies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(recorded.n) + 1);
    });

    it('stops reading once the settings are removed', async () => {
      await deleteImapSettings(ctx, ws);
      expect(await checkMailbox(ctx, ws.id)).toBeNull();
      expect((await getImapSettings(ctx, ws)).configured).toBe(false);
    });
  });
}
