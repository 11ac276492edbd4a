/**
 * The stored SMTP password goes only where it was typed for, and "Envoyer un test" scans no port:
 * changing the host, port or user asks for the password again; outside loopback (an address in
 * 127.0.0.0/8 or ::1 once resolved) only the mail ports; the connection goes to the address that
 * was resolved once.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp';
import { createWorkspace, type Workspace } from '../db/workspaces';
import { getMailSettings, getSendingSetup, saveMailSettings, sendTestMail, type MailSettingsInput } from './mail-settings';
import { MailSendError, smtpConnectionOptions, smtpMailer, type HostResolver, type MailContext, type SmtpConfig } from './mailer';
import { secretBoxFromKey } from './secret-box';

const TIMEOUTS = { connectionMs: 1000, greetingMs: 600, socketMs: 900 };
const USER = { user: 'dj', pass: 'le-vrai-mot-de-passe' };
/** Names of this test's own: nothing leaves the machine. */
const NAMES: Record<string, string> = {
  localhost: '127.0.0.1',
  'mail.loopback.test': '127.0.0.1',
  '127.attacker.example': '192.0.2.10',
  'smtp.provider.test': '192.0.2.20',
};

for (const engine of testEngines()) {
  describe(`mail settings on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: MailContext;
    let ws: Workspace;
    let smtp: TestSmtp;
    let lookups: string[];
    const resolveHost: HostResolver = async (host) => {
      lookups.push(host);
      const address = NAMES[host];
      if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return address;
    };

    beforeEach(async () => {
      db = await engine.open();
      lookups = [];
      ctx = {
        database: db,
        now: () => new Date('2026-01-14T10:00:00Z'),
        secretBox: secretBoxFromKey(randomBytes(32)),
        mailerFor: (config) => smtpMailer(config, TIMEOUTS, resolveHost),
        resolveHost,
        publicUrl: null,
      };
      ws = await createWorkspace(db.db, 'demo', ctx.now());
      smtp = await startTestSmtp(USER);
    });
    afterEach(async () => {
      await smtp.close();
      await db.cleanup();
    });

    const base = (): MailSettingsInput => ({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: USER.user,
      password: USER.pass,
      fromName: 'DJ',
      fromAddress: 'dj@dj.example',
    });

    it('asks for the password again when the host, the port or the user changes, and keeps it otherwise', async () => {
      await saveMailSettings(ctx, ws, base());
      const { password: _p, ...withoutPassword } = base();
      // The attack of issue 9: the same settings pointed elsewhere, without the password.
      for (const change of [{ host: 'mail.loopback.test' }, { port: smtp.port + 1 }, { username: 'autre' }]) {
        await expect(saveMailSettings(ctx, ws, { ...withoutPassword, ...change }), JSON.stringify(change)).rejects.toMatchObject({
          code: 'invalid_input',
          message: expect.stringMatching(/mot de passe/),
        });
        expect((await getSendingSetup(ctx, ws.id))?.smtp).toMatchObject({ host: '127.0.0.1', port: smtp.port, password: USER.pass });
      }
      // Nothing that says where the password goes changed: it is kept.
      expect(await saveMailSettings(ctx, ws, { ...withoutPassword, fromName: 'DJ Max' })).toMatchObject({
        hasPassword: true,
        fromName: 'DJ Max',
      });
      // Without a user there is nothing to sign in with: the stored password is dropped.
      expect(await saveMailSettings(ctx, ws, { ...withoutPassword, host: 'mail.loopback.test', username: null })).toMatchObject({
        hasPassword: false,
      });
      expect((await getSendingSetup(ctx, ws.id))?.smtp.password).toBeNull();
      // With the password typed again, the change is saved.
      expect(await saveMailSettings(ctx, ws, { ...base(), host: 'mail.loopback.test' })).toMatchObject({
        host: 'mail.loopback.test',
        hasPassword: true,
      });
    });

    it('allows only the mail ports outside loopback, checked on the resolved address when saving', async () => {
      const save = (host: string, port: number) => saveMailSettings(ctx, ws, { ...base(), host, port });
      for (const [host, port] of [
        ['192.0.2.1', 22],
        ['smtp.provider.test', 8080],
        ['127.attacker.example', 2526],
        ['inconnu.test', 3306],
        ['[2001:db8::1]', 80],
      ] as const) {
        await expect(save(host, port), `${host}:${port}`).rejects.toMatchObject({
          code: 'invalid_input',
          message: expect.stringMatching(/25, 465, 587/),
        });
      }
      for (const [host, port] of [
        ['smtp.provider.test', 587],
        ['smtp.provider.test', 465],
        ['192.0.2.1', 25],
        ['inconnu.test', 2525],
        ['127.0.0.1', 2526],
        ['127.5.5.5', 10025],
        ['[::1]', 1025],
        ['mail.loopback.test', 40000],
        ['localhost', 1025],
      ] as const) {
        await expect(save(host, port), `${host}:${port}`).resolves.toMatchObject({ host, port });
      }
      expect(await getMailSettings(ctx, ws)).toMatchObject({ host: 'localhost', port: 1025 });
    });

    it('sends to the address resolved once: a name resolving to loopback reaches the loopback server, without TLS', async () => {
      await saveMailSettings(ctx, ws, { ...base(), host: 'mail.loopback.test' });
      lookups = [];
      const result = await sendTestMail(ctx, ws);
      expect(result).toMatchObject({ ok: true, to: 'dj@dj.example' });
      expect(lookups).toEqual(['mail.loopback.test']);
      expect(smtp.accepted).toHaveLength(1);
    });

    it('refuses to send to a port outside the mail ports when the name no longer resolves to loopback, without connecting', async () => {
      // Saved when the name pointed here; it points elsewhere now (DNS rebinding of the mail host).
      NAMES['rebound.test'] = '127.0.0.1';
      await saveMailSettings(ctx, ws, { ...base(), host: 'rebound.test' });
      NAMES['rebound.test'] = '192.0.2.30';
      try {
        const result = await sendTestMail(ctx, ws);
        expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/25, 465, 587/) });
        expect(smtp.received).toHaveLength(0);
      } finally {
        delete NAMES['rebound.test'];
      }
      const config: SmtpConfig = { host: 'rebound.test', port: 3306, secure: false, username: null, password: null };
      await expect(
        smtpMailer(config, TIMEOUTS, async () => '192.0.2.30').send({
          from: { name: null, address: 'a@b.example' },
          to: { name: null, address: 'c@d.example' },
          subject: 's',
          text: 't',
          messageId: '<x@b.example>',
          date: new Date(),
          headers: {},
        }),
      ).rejects.toBeInstanceOf(MailSendError);
    });

    it('requires TLS everywhere but on a resolved loopback address, and checks the certificate against the name', () => {
      const config = (host: string, port = 587): SmtpConfig => ({ host, port, secure: false, username: 'u', password: 'p' });
      expect(smtpConnectionOptions(config('127.attacker.example'), { address: '192.0.2.10', loopback: false })).toMatchObject({
        host: '192.0.2.10',
        servername: '127.attacker.example',
        requireTLS: true,
        ignoreTLS: false,
      });
      expect(smtpConnectionOptions(config('smtp.provider.test', 465), { address: '192.0.2.20', loopback: false })).toMatchObject({
        host: '192.0.2.20',
        servername: 'smtp.provider.test',
      });
      expect(smtpConnectionOptions(config('mail.loopback.test', 2526), { address: '127.0.0.1', loopback: true })).toMatchObject({
        host: '127.0.0.1',
        requireTLS: false,
        ignoreTLS: true,
      });
      expect(smtpConnectionOptions(config('192.0.2.5'), { address: '192.0.2.5', loopback: false }).servername).toBeUndefined();
    });
  });
}
