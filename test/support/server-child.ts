/**
 * The web server in a process of its own, as `djbooker serve` runs it but without the web app's
 * build: opens the database named by DJB_TEST_DB ({"dataDir"} or {"url"}), starts the outbox
 * sender with the default settings (DJB_SENDER_POLL_MS and DJB_LEASE_MS shorten its waits),
 * listens on a free loopback port, prints `{"port": …}` and serves until SIGTERM.
 */
import { openDatabase, type DatabaseOptions } from '../../src/db/connection';
import { parseEnv } from '../../src/app/env';
import { buildServer } from '../../src/server/server';

const database = await openDatabase(JSON.parse(process.env.DJB_TEST_DB ?? '{}') as DatabaseOptions);
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const app = await buildServer({
  database,
  now: () => new Date(),
  env: parseEnv(process.env),
  outboxSender: { pollMs: number('DJB_SENDER_POLL_MS'), leaseMs: number('DJB_LEASE_MS'), log: (line) => process.stderr.write(`${line}\n`) },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.once('SIGTERM', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
