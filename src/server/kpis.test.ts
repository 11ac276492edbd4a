/** `GET /api/kpis` and `GET /api/dashboard` through `app.inject`, on the real databases. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTarget, testEngines, type TestEngine } from '../../test/support/databases';
import { addUser } from '../app/auth';
import { main } from '../cli/main';
import { dashboardSchema, kpisSchema } from '../contracts/kpis';
import { buildServer } from './server';
import { call, callerFrom, type Caller } from './test-client';

const NOW = new Date('2026-01-20T10:00:00Z');

for (const engine of testEngines()) {
  describe(`KPIs API on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let app: FastifyInstance;
    let owner: Caller;

    beforeAll(async () => {
      database = await engine.open();
      app = await buildServer({ database, now: () => NOW });
      owner = callerFrom(
        await call(app, 'POST', '/api/setup', { body: { name: 'Alex', email: 'alex@example.fr', password: 'correct horse battery' } }),
      );
      expect((await call(app, 'POST', '/api/demo', { as: owner })).statusCode).toBe(200);
    });
    afterAll(async () => {
      await app.close();
      await database.cleanup();
    });

    it('answers what `djbooker kpis --json` prints, for the same period', async () => {
      const r = await call(app, 'GET', '/api/kpis?asOf=2026-01-14', { as: owner });
      expect(r.statusCode, r.body).toBe(200);
      const target = cliTarget(database.options);
      let out = '';
      expect(
        await main(['kpis', '--as-of', '2026-01-14', '--json', ...target.args], {
          out: (t) => (out += t),
          err: () => undefined,
          env: target.env,
          now: () => NOW,
        }),
      ).toBe(0);
      expect(r.json()).toEqual(JSON.parse(out));
      expect(kpisSchema.parse(r.json())).toMatchObject({ from: '2025-01-15', to: '2026-01-14', returns: 15 });
      // Without a date: the year ending today (20 January 2026 in Paris), not the demo's reference date.
      expect((await call(app, 'GET', '/api/kpis', { as: owner })).json()).toMatchObject({ from: '2025-01-21', to: '2026-01-20' });
    });

    it('refuses a bad period, and asks for a session', async () => {
      expect((await call(app, 'GET', '/api/kpis?from=2026-02-01&to=2026-01-14', { as: owner })).statusCode).toBe(400);
      expect((await call(app, 'GET', '/api/kpis?to=2026-02-30', { as: owner })).json().error.code).toBe('invalid_input');
      expect((await call(app, 'GET', '/api/kpis?bogus=1', { as: owner })).statusCode).toBe(400);
      expect((await call(app, 'GET', '/api/dashboard')).statusCode).toBe(401);
    });

    it('serves the dashboard: KPIs, charts and the names behind the figures, of its own workspace only', async () => {
      const r = await call(app, 'GET', '/api/dashboard?asOf=2026-01-14', { as: owner });
      const d = dashboardSchema.parse(r.json());
      expect(d.kpis.clientIds.returns.map((id) => d.names[String(id)])).toContain('ROOFTOP EMBRUN');
      expect(d.charts.revenueByYear.reduce((s, y) => s + y.revenue, 0)).toBe(48_752);
      expect(d.charts.statusesByMonth.at(-1)).toEqual({ month: '2026-01', date: '2026-01-14', active: 7, dormant: 10, lapsed: 7 });

      await addUser(
        { database, now: () => NOW },
        { name: 'Bea', email: 'bea@example.fr', password: 'un autre mot de passe', workspace: 'dj-b' },
      );
      const bea = callerFrom(
        await call(app, 'POST', '/api/auth/login', { body: { email: 'bea@example.fr', password: 'un autre mot de passe' } }),
      );
      const other = dashboardSchema.parse((await call(app, 'GET', '/api/dashboard?asOf=2026-01-14', { as: bea })).json());
      expect(other.names).toEqual({});
      expect(other.kpis.returns).toBe(0);
      expect(other.charts.revenueByYear).toEqual([]);
    });
  });
}
