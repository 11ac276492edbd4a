/**
 * Hostile uploads through the real HTTP server: a 50 MB single line and 200 rows of 1 MB bad
 * amounts, sent to the preview and the import while another client signs in and reads the
 * overview. The import is refused or reports bounded rejections; everyone else is served.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { send, type Answer } from '../../test/support/raw-http';
import { buildServer } from './server';

const OWNER = { name: 'Alex Martin', email: 'alex@example.fr', password: 'correct horse battery' };
const MB = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'djbooker-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file of `parts()` without holding it in memory. */
async function writeFile(name: string, parts: () => Iterable<string>): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  for (const part of parts()) if (!out.write(part)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return path;
}

let singleLine: string;
let bigAmounts: string;
beforeAll(async () => {
  singleLine = await writeFile('single-line.csv', function* () {
    for (let i = 0; i < 50; i++) yield 'x'.repeat(MB);
  });
  bigAmounts = await writeFile('big-amounts.csv', function* () {
    yield 'date;client;montant\r\n';
    for (let i = 0; i < 200; i++) yield `2025-01-${String((i % 28) + 1).padStart(2, '0')};Bar ${i};${'12a'.repeat(MB / 3)}\r\n`;
  });
}, 120_000);

for (const engine of testEngines()) {
  describe(`hostile uploads on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let app: FastifyInstance;
    let base: string;

    beforeEach(async () => {
      database = await engine.open();
      app = await buildServer({ database, now: () => new Date('2026-01-20T10:00:00Z') });
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      await app.close();
      await database.cleanup();
    });

    it('refuses or bounds them while another client signs in and reads the overview', async () => {
      const setup = await fetch(`${base}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(OWNER),
      });
      expect(setup.status).toBe(201);
      const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
      const { csrfToken: csrf } = (await setup.json()) as { csrfToken: string };

      // The other client: signs in (within the sign-in rate limit) and reads the overview until the uploads end.
      let uploading = true;
      const others: Answer[] = [];
      let peakRss = 0;
      const otherClient = (async () => {
        let signIns = 0;
        let session = '';
        while (uploading) {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          if (signIns < 10) {
            signIns++;
            const signIn = await send(base, 'POST', '/api/auth/login', { json: { email: OWNER.email, password: OWNER.password } });
            others.push(signIn);
            session = signIn.cookie ?? session;
          }
          others.push(await send(base, 'GET', '/api/overview', { cookie: session }));
        }
      })();

      const answers: Record<string, Answer> = {};
      try {
        for (const [name, path] of [
          ['singleLine', singleLine],
          ['bigAmounts', bigAmounts],
        ] as const) {
          answers[`${name} preview`] = await send(base, 'POST', '/api/imports/preview?kind=gigs', { cookie, csrf, file: path });
          answers[`${name} import`] = await send(base, 'POST', '/api/imports?kind=gigs', { cookie, csrf, file: path });
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }
      } finally {
        uploading = false;
        await otherClient;
      }

      for (const [name, a] of Object.entries(answers)) expect(a.body.length, name).toBeLessThan(MB);
      const refused = answers['singleLine import']!;
      expect(refused.status).toBe(422);
      expect(JSON.parse(refused.body)).toEqual({
        error: {
          code: 'invalid_file',
          message: 'gigs.csv : la ligne d’en-tête est trop longue (plus de 1 Mio) : est-ce bien un fichier CSV ?',
        },
      });
      expect(JSON.parse(answers['singleLine preview']!.body)).toMatchObject({
        error: { problem: { code: 'header_too_long', limitMib: 1 } },
      });

      const preview = JSON.parse(answers['bigAmounts preview']!.body) as {
        rows: number;
        rejectedCount: number;
        rejected: { line: number; value: string; code: string }[];
      };
      expect(preview).toMatchObject({ rows: 200, rejectedCount: 200 });
      const report = JSON.parse(answers['bigAmounts import']!.body) as {
        id: number;
        rows: number;
        imported: number;
        rejectedCount: number;
        rejected: { line: number; value: string; code: string }[];
      };
      expect(report).toMatchObject({ rows: 200, imported: 0, rejectedCount: 200 });
      expect(report.rejected[0]).toEqual({
        line: 2,
        field: 'amount',
        header: 'montant',
        value: `${'12a'.repeat(66)}12…`,
        code: 'value_too_long',
        limitKib: 64,
      });

      const stored = await sql<{ n: number | string }>`select length(report) as n from imports where id = ${report.id}`.execute(
        database.db,
      );
      expect(Number(stored.rows[0]?.n)).toBeLessThan(MB);
      const list = await send(base, 'GET', '/api/imports', { cookie });
      expect(list.status).toBe(200);
      expect(list.body.length).toBeLessThan(10_000);

      expect(others.length).toBeGreaterThan(10);
      expect(others.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body}`)).toEqual([]);
      const slowest = Math.max(...others.map((a) => a.ms));
      console.info(
        `${engine.name}: ${others.length} other requests, slowest ${Math.round(slowest)} ms; test process peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`,
      );
      expect(peakRss).toBeLessThan(600 * 2 ** 20);
    }, 600_000);
  });
}
