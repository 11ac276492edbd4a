/**
 * The weekly alert for real: the demo's workspace, a clock the test moves, the outbox sender and a
 * real SMTP server on loopback. One e-mail per week across restarts, one after a downtime that
 * spans the hour (not one per missed week), and one when two server processes share a database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../test/support/wait';
import { testEngines, type TestDatabase } from '../../test/support/databases';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp';
import { loadDemo } from '../app/demo';
import { saveMailSettings } from '../app/mail-settings';
import { smtpMailer, type MailContext } from '../app/mailer';
import { secretBoxFromKey } from '../app/secret-box';
import { saveAlertSettings, WEEKLY_ALERT_BATCH } from '../app/weekly-alert';
import { createWorkspace, getWorkspace, type Workspace } from '../db/workspaces';
import { startOutboxSender } from './outbox-sender';
import { startWeeklyAlert } from './weekly-alert';

const SERVER = new URL('../../test/support/server-child.ts', import.meta.url).pathname;
const OWNER = 'dj-max@example.fr';

for (const engine of testEngines()) {
  describe(`the weekly alert on ${engine.name}`, () => {
    let db: TestDatabase;
    let ctx: MailContext;
    let ws: Workspace;
    let smtp: TestSmtp;
    let clock: Date;
    let key: Buffer;

    beforeEach(async () => {
      db = await engine.open();
      key = randomBytes(32);
      clock = new Date('2026-01-14T10:00:00Z'); // a Wednesday
      ctx = {
        database: db,
        now: () => clock,
        secretBox: secretBoxFromKey(key),
        mailerFor: (c) => smtpMailer(c),
        publicUrl: 'https://crm.example.fr',
      };
      ws = await createWorkspace(db.db, 'demo', clock);
      await loadDemo(ctx, ws);
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
      // Turned on on a Wednesday: Monday 08:00 (Paris) is the first time it goes.
      await saveAlertSettings(ctx, ws, { address: OWNER, day: 1, hour: 8 });
    });
    afterEach(async () => {
      await smtp.close();
      await db.cleanup();
    });

    /** A server's two jobs, started as a server starts them and run until every due alert is sent. */
    async function serverRun(): Promise<void> {
      const sender = await startOutboxSender(ctx, { pollMs: 20, leaseMs: 600 });
      const alert = await startWeeklyAlert(ctx, { pollMs: 20, leaseMs: 600, onQueued: () => sender.kick() });
      await alert.idle();
      await waitUntil('the sender to hold its lease', () => sender.isSending());
      await sender.idle();
      await alert.stop();
      await sender.stop();
    }

    const alertsReceived = () => smtp.accepted.filter((m) => m.to.includes(OWNER));

    it('goes once a week at the hour chosen, never twice across restarts', async () => {
      await serverRun();
      expect(alertsReceived()).toHaveLength(0);

      clock = new Date('2026-01-19T06:59:00Z'); // 07:59 in Paris
      await serverRun();
      expect(alertsReceived()).toHaveLength(0);

      clock = new Date('2026-01-19T07:00:05Z');
      await serverRun();
      expect(alertsReceived()).toHaveLength(1);
      const raw = alertsReceived()[0]!.raw;
      expect(raw).toMatch(/^Subject: =\?UTF-8\?Q\?7_clients_=C3=A0_relancer_cette_semaine\?=/m);
      expect(raw).toContain('https://crm.example.fr/#/clients/');
      expect(raw).not.toMatch(/^List-Unsubscribe:/m);

      // Restarted twice the same week: nothing more.
      clock = new Date('2026-01-19T07:30:00Z');
      await serverRun();
      clock = new Date('2026-01-22T18:00:00Z');
      await serverRun();
      expect(alertsReceived()).toHaveLength(1);

      clock = new Date('2026-01-26T07:00:00Z');
      await serverRun();
      expect(alertsReceived()).toHaveLength(2);
      const rows = await db.db
        .selectFrom('outbox_messages')
        .select(['idempotency_key', 'recipient', 'client_id', 'state'])
        .where('batch_id', '=', WEEKLY_ALERT_BATCH)
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { idempotency_key: 'weekly-alert:2026-01-19', recipient: 'owner', client_id: null, state: 'sent' },
        { idempotency_key: 'weekly-alert:2026-01-26', recipient: 'owner', client_id: null, state: 'sent' },
      ]);
    });

    it('after a downtime that spans the hour, goes at the next start, once, even after several weeks', async () => {
      await serverRun();
      // Down from Wednesday to the Tuesday after: the Monday 08:00 passed meanwhile.
      clock = new Date('2026-01-20T09:00:00Z');
      await serverRun();
      expect(alertsReceived()).toHaveLength(1);
      await serverRun();
      expect(alertsReceived()).toHaveLength(1);
      // Down for three weeks: one alert, this week's, not one per week missed.
      clock = new Date('2026-02-12T09:00:00Z');
      await serverRun();
      expect(alertsReceived()).toHaveLength(2);
      const keys = await db.db
        .selectFrom('outbox_messages')
        .select('idempotency_key')
        .where('batch_id', '=', WEEKLY_ALERT_BATCH)
        .orderBy('id')
        .execute();
      expect(keys.map((k) => k.idempotency_key)).toEqual(['weekly-alert:2026-01-19', 'weekly-alert:2026-02-09']);
    });

    it('is off without an address: nothing queued whatever the hour', async () => {
      await saveAlertSettings(ctx, (await getWorkspace(db.db, ws.id))!, { address: '', day: 1, hour: 8 });
      clock = new Date('2026-01-19T08:00:00Z');
      await serverRun();
      expect(alertsReceived()).toHaveLength(0);
    });

    it('two server processes on one database: one e-mail, and the second server finds it there after taking over', async () => {
      const children: { child: ChildProcess; err: () => string; exited: Promise<unknown> }[] = [];
      const env = {
        ...process.env,
        DJBOOKER_SECRET_KEY: key.toString('base64'),
        DJB_TEST_DB: JSON.stringify(db.options),
        // Both start three seconds before the hour, so that both run when it comes.
        DJB_CLOCK_START: '2026-01-19T06:59:57Z',
        DJB_ALERT_POLL_MS: '50',
        DJB_SENDER_POLL_MS: '50',
        DJB_LEASE_MS: '1500',
      };
      try {
        for (let i = 0; i < 2; i++) {
          const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
          let err = '';
          child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
          children.push({ child, err: () => err, exited: new Promise((resolve) => child.on('exit', resolve)) });
        }
        await waitUntil('the alert to arrive', () => alertsReceived().length > 0);
        await waitUntil('the alert recorded as sent', async () => {
          const row = await db.db
            .selectFrom('outbox_messages')
            .select('state')
            .where('batch_id', '=', WEEKLY_ALERT_BATCH)
            .executeTakeFirst();
          return row?.state === 'sent';
        });
        // The holder stops; the other takes the lease over and finds this week's alert queued already.
        const holder = children.find((c) => c.err().includes('ce serveur prépare les alertes hebdomadaires'));
        const other = children.find((c) => c !== holder);
        expect(holder && other).toBeTruthy();
        holder!.child.kill('SIGTERM');
        await holder!.exited;
        await waitUntil(
          'the other server to find the alert there',
          () => /alert-pass \{[^}]*"already_queued":1/.test(other!.err()),
          60_000,
        );
        expect(alertsReceived()).toHaveLength(1);
        const count = await db.db
          .selectFrom('outbox_messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('batch_id', '=', WEEKLY_ALERT_BATCH)
          .executeTakeFirst();
        expect(Number(count?.n)).toBe(1);
      } finally {
        for (const c of children) {
          if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGTERM');
          await c.exited;
        }
      }
      // Two servers start under tsx and each wait inside may take its own minute on a loaded machine.
    }, 240_000);
  });
}
