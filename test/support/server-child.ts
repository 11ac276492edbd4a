/**
 * The web server in a process of its own, as `djbooker serve` runs it but without the web app's
 * build: opens the database named by DJB_TEST_DB ({"dataDir"} or {"url"}), starts the outbox
 * sender with the default settings (DJB_SENDER_POLL_MS and DJB_LEASE_MS shorten its waits),
 * listens on a free loopback port, prints `{"port": …}` and serves until SIGTERM. With
 * DJB_ALERT_POLL_MS it runs the weekly alert's job too (DJB_CLOCK_START: the clock starts at that
 * instant and runs on) and prints `alert-pass {…}` on stderr after each of its passes as lease holder.
 */
import { openDatabase, type DatabaseOptions } from '../../src/db/connection';
import { parseEnv } from '../../src/app/env';
import { buildServer } from '../../src/server/server';

const database = await openDatabase(JSON.parse(process.env.DJB_TEST_DB ?? '{}') as DatabaseOptions);
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const started = Date.now();
const clockStart = process.env.DJB_CLOCK_START ? Date.parse(process.env.DJB_CLOCK_START) : started;
const log = (line: string) => process.stderr.write(`${line}\n`);
const app = await buildServer({
  database,
  now: () => new Date(clockStart + (Date.now() - started)),
  env: parseEnv(process.env),
  outboxSender: { pollMs: number('DJB_SENDER_POLL_MS'), leaseMs: number('DJB_LEASE_MS'), log },
  weeklyAlert: process.env.DJB_ALERT_POLL_MS
    ? {
        pollMs: number('DJB_ALERT_POLL_MS'),
        leaseMs: number('DJB_LEASE_MS'),
        log,
        onPass: (counts) => log(`alert-pass ${JSON.stringify(counts)}`),
      }
    : null,
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
