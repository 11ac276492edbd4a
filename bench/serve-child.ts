/**
 * The API server of the HTTP load bench, in a process of its own so that autocannon (in the
 * bench's process) does not share its event loop: opens the bench database, adds a user to the
 * imported workspace, listens on a free loopback port, prints `{"port": …}` and serves until killed.
 * Only the API is served: the load bench measures it, not the web app's build.
 */
import { addUser } from '../src/app/auth';
import { openDatabase, type DatabaseOptions } from '../src/db/connection';
import { buildServer } from '../src/server/server';

const [options, email, password] = [
  JSON.parse(process.argv[2] ?? '{}') as DatabaseOptions,
  process.argv[3] ?? '',
  process.env.BENCH_PASSWORD ?? '',
];
const database = await openDatabase(options);
const ctx = { database, now: () => new Date() };
await addUser(ctx, { name: 'Bench', email, password, workspace: 'default' });
const app = await buildServer({ database, now: ctx.now });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
// A clean exit when the bench is done, so that `--cpu-prof` (through NODE_OPTIONS) writes its profile.
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
