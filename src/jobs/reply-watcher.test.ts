/**
 * The mailbox watcher against a real dovecot on loopback, on both engines: a reply that arrives
 * while it runs is seen through IDLE long before the next poll; two watchers on one database read
 * it once (the lease); a server that goes down is reported in words and backed off from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/wait';
import { testEngines } from '../../test/support/databases';
import { rawMail, startRepliesFixture, type RepliesFixture } from '../../test/support/replies';
import { getImapSettings, saveImapSettings } from '../app/replies';
import { getFollowUp } from '../db/follow-ups';
import { nextCheckAt, startReplyWatcher, type ReplyWatcher } from './reply-watcher';

const CLIENT = 'TENNIS CLUB DE GRANS';

function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  return waitFor(
    what,
    async () => {
      const v = await read();
      return ok(v) ? v : undefined;
    },
    timeoutMs,
  );
}

describe('nextCheckAt', () => {
  it('waits the poll after a success, doubles it after each failure, up to an hour', () => {
    const at = '2026-01-14T10:00:00.000Z';
    const t = Date.parse(at);
    expect(nextCheckAt(null, 0, 1000)).toBe(0);
    expect(nextCheckAt(at, 0, 180_000)).toBe(t + 180_000);
    expect(nextCheckAt(at, 2, 180_000)).toBe(t + 720_000);
    expect(nextCheckAt(at, 30, 180_000)).toBe(t + 3_600_000);
  });
});

for (const engine of testEngines()) {
  describe(`the mailbox watcher on ${engine.name}`, () => {
    let f: RepliesFixture;
    const watchers: ReplyWatcher[] = [];
    beforeAll(async () => {
      f = await startRepliesFixture(engine, [CLIENT]);
      // The test's clock is the real one: the watcher's waits are measured with it.
      f.ctx.now = () => new Date();
      await saveImapSettings(f.ctx, f.ws, {
        host: '127.0.0.1',
        port: f.imap.port,
        secure: false,
        username: f.imap.user,
        password: f.imap.pass,
        folder: 'INBOX',
      });
    });
    afterAll(async () => {
      await Promise.all(watchers.map((w) => w.stop()));
      await f?.close();
    });

    it('sees a reply arriving while it runs (IDLE, not the 10-minute poll), with one watcher of two reading', async () => {
      const options = { pollMs: 600_000, leaseMs: 5_000 };
      watchers.push(await startReplyWatcher(f.ctx, options), await startReplyWatcher(f.ctx, options));
      await until(
        async () => watchers.filter((w) => w.isWatching()).length,
        (n) => n === 1,
        'one watcher holding the lease',
      );
      const holder = watchers.find((w) => w.isWatching())!;
      await holder.passed();
      expect((await getImapSettings(f.ctx, f.ws)).state).toMatchObject({ lastError: null, failures: 0 });
      expect((await getImapSettings(f.ctx, f.ws)).state.lastSuccessAt).not.toBeNull();

      const sent = f.sent.get(CLIENT)!;
      const before = await f.imap.snapshot();
      await f.imap.deliver(
        rawMail(
          {
            From: sent.address,
            To: 'dj@djmax.example',
            Subject: 'Re: Une date cet été ?',
            Date: 'Tue, 20 Jan 2026 09:00:00 +0100',
            'In-Reply-To': sent.messageId,
          },
          'Oui !',
        ),
      );
      await until(
        () => getFollowUp(f.db.db, f.ws.id, sent.followUpId),
        (fu) => fu?.outcome === 'answered',
        'the follow-up answered',
      );
      const replies = await f.db.db.selectFrom('mail_replies').selectAll().execute();
      expect(replies).toHaveLength(1);
      // Nothing changed in the mailbox but the message the test delivered.
      const after = await f.imap.snapshot();
      expect(after.messages.slice(0, before.messages.length)).toEqual(before.messages);
    });

    it('reports a server that went down in words, and backs off', async () => {
      const holder = watchers.find((w) => w.isWatching())!;
      await f.imap.stop();
      try {
        holder.kick();
        const state = await until(
          async () => (await getImapSettings(f.ctx, f.ws)).state,
          (s) => s.failures >= 1,
          'a failure recorded',
        );
        expect(state.lastError).toMatchObject({ kind: 'connection_refused' });
        // Kicked again at once, it waits for its back-off rather than hammering the server.
        await holder.passed();
        expect((await getImapSettings(f.ctx, f.ws)).state.failures).toBe(state.failures);
      } finally {
        await f.imap.start();
      }
    });
  });
}
