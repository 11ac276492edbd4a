/**
 * The outbox sender in a process of its own, for the crash test: opens the database named by
 * DJB_TEST_DB ({"dataDir"} or {"url"}), starts the sender (leases of DJB_LEASE_MS, default 1 s, so
 * that a killed one is replaced quickly), prints one line per event, and exits once it holds the
 * lease and nothing is left to send (unless the test kills it first).
 */
import { openDatabase, type DatabaseOptions } from '../../src/db/connection';
import { smtpMailer, type MailContext } from '../../src/app/mailer';
import { parseEnv } from '../../src/app/env';
import { openSecretBox } from '../../src/app/secret-box';
import { startOutboxSender } from '../../src/jobs/outbox-sender';

const database = await openDatabase(JSON.parse(process.env.DJB_TEST_DB ?? '{}') as DatabaseOptions);
const ctx: MailContext = {
  database,
  now: () => new Date(),
  secretBox: openSecretBox({ secretKey: parseEnv(process.env).secretKey, dataDir: database.dataDir }),
  mailerFor: (config) => smtpMailer(config, { connectionMs: 5000, greetingMs: 5000, socketMs: 30_000 }),
  publicUrl: null,
};
const leaseMs = Number(process.env.DJB_LEASE_MS ?? 1000);
const sender = await startOutboxSender(ctx, { pollMs: 50, leaseMs, log: (line) => process.stdout.write(`${line}\n`) });
process.stdout.write('started\n');
await sender.idle();
await sender.stop();
await database.close();
process.stdout.write('idle\n');
