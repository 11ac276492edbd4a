/**
 * What the reply tests share: a demo workspace whose follow-ups went out through a real SMTP
 * server on loopback (each with its Message-ID), and a real dovecot whose INBOX the test fills.
 */
import { randomBytes } from 'node:crypto';
import type { TestDatabase, TestEngine } from './databases';
import { startTestImap, type TestImap } from './imap';
import { headersOf, startTestSmtp, type TestSmtp } from './smtp';
import { getClientByNameKey } from '../../src/db/clients';
import { createWorkspace, getWorkspace, updateWorkspace, type Workspace } from '../../src/db/workspaces';
import { nameKey } from '../../src/domain/names';
import { importFile } from '../../src/app/import-file';
import { saveMailSettings } from '../../src/app/mail-settings';
import { smtpMailer, type MailContext } from '../../src/app/mailer';
import { sendFollowUpEmail } from '../../src/app/outbox';
import { secretBoxFromKey } from '../../src/app/secret-box';

const DEMO = new URL('../../demo/', import.meta.url).pathname;

export interface SentFollowUp {
  followUpId: number;
  clientId: number;
  messageId: string;
  address: string;
}

export interface RepliesFixture {
  db: TestDatabase;
  ctx: MailContext;
  ws: Workspace;
  smtp: TestSmtp;
  imap: TestImap;
  /** The secret key, for a CLI run on the same database (DJBOOKER_SECRET_KEY). */
  key: Buffer;
  sent: Map<string, SentFollowUp>;
  close(): Promise<void>;
}

/** A raw message: the headers given, then the body (a text/plain one unless a Content-Type is given). */
export function rawMail(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\nMIME-Version: 1.0\n${headers['Content-Type'] ? '' : 'Content-Type: text/plain; charset=utf-8\n'}\n${body}\n`;
}

/** Sends one follow-up e-mail to each client named, on 2026-01-14. */
export async function startRepliesFixture(engine: TestEngine, clientNames: readonly string[]): Promise<RepliesFixture> {
  const db = await engine.open();
  const key = randomBytes(32);
  const ctx: MailContext = {
    database: db,
    now: () => new Date('2026-01-14T10:00:00Z'),
    secretBox: secretBoxFromKey(key),
    mailerFor: (c) => smtpMailer(c),
    publicUrl: null,
  };
  let ws = await createWorkspace(db.db, 'demo', ctx.now());
  await importFile(ctx, ws, { kind: 'clients', path: `${DEMO}clients_dj_clean.csv`, overrides: {}, dryRun: false });
  await updateWorkspace(db.db, ws.id, { referenceDate: '2026-01-14', settings: { djName: 'DJ Max' } });
  ws = (await getWorkspace(db.db, ws.id))!;
  const smtp = await startTestSmtp();
  const imap = await startTestImap();
  await saveMailSettings(ctx, ws, {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    username: null,
    fromName: 'DJ Max',
    fromAddress: 'dj@djmax.example',
  });
  const sent = new Map<string, SentFollowUp>();
  for (const name of clientNames) {
    const client = (await getClientByNameKey(db.db, ws.id, nameKey(name)))!;
    const { enqueue } = await sendFollowUpEmail(ctx, ws, {
      clientId: client.id,
      subject: 'Une date cet été ?',
      body: 'Bonjour, une soirée cet été ?',
      force: true,
    });
    if (enqueue.result !== 'queued') throw new Error(`not queued: ${enqueue.result}`);
    const raw = smtp.accepted.find((m) => m.to.includes(client.email!))!.raw;
    sent.set(name, {
      followUpId: enqueue.followUpId,
      clientId: client.id,
      messageId: headersOf(raw).get('message-id')!,
      address: client.email!,
    });
  }
  return {
    db,
    ctx,
    ws,
    smtp,
    imap,
    key,
    sent,
    async close() {
      await imap.close();
      await smtp.close();
      await db.cleanup();
    },
  };
}
