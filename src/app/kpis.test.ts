/**
 * KPIs and analytics on the demo data, on both engines: the returns and mean gap before return
 * worked out by hand from demo/prestations_dj_clean.csv (a separate Python reading of the file,
 * not this code: consecutive distinct days of a client's « réalisée » gigs, gap ≥ 90 days, the
 * return's day in the period), follow-ups recorded through the real use-cases, and the CLI's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTarget, testEngines, type TestEngine } from '../../test/support/databases';
import { main } from '../cli/main';
import { kpisSchema } from '../contracts/kpis';
import { getClientByNameKey } from '../db/clients';
import { createWorkspace, getWorkspace, type Workspace } from '../db/workspaces';
import { nameKey } from '../domain/names';
import { createBooking } from './bookings';
import type { AppContext } from './context';
import { loadDemo } from './demo';
import { AppError } from './errors';
import { confirmFollowUp, recordFollowUp, setFollowUpOutcome } from './follow-ups/record';
import { getDashboard, getKpis, periodOf } from './kpis';
import { getOverview } from './portfolio';

/** The demo's returns dated 2025-01-15 … 2026-01-14, by hand: 15 returns, 2 684 days in all. */
const RETURNS_12_MONTHS = {
  count: 15,
  gapDays: 2684,
  clients: [
    'BRASSERIE LE CENTRAL EMBRUN',
    'CLUB NAUTIQUE SAINTE-CROIX',
    'COMITÉ DES FÊTES DE GRANS',
    'Gergom Events',
    'HÔTEL LE MAS DES OLIVIERS',
    'ISTRES PROVENCE HANDBALL',
    'KARTING DE LA CRAU',
    'LE PALACE CLUB GAP',
    'LE SPOT MIRAMAS',
    'LYCÉE PIERRE MENDÈS FRANCE',
    'MAIRIE DE FOS-SUR-MER',
    'ROOFTOP EMBRUN',
  ],
};
/** All time up to 2026-01-14: 43 returns, 7 737 days, 18 clients (one gap of exactly 90 days: BDE SCIENCES PO AIX, 2024-05-10). */
const RETURNS_ALL_TIME = { count: 43, gapDays: 7737, clients: 18 };

for (const engine of testEngines()) {
  describe(`KPIs on the demo (${engine.name})`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: AppContext;
    let ws: Workspace;
    let clock: Date;

    beforeAll(async () => {
      db = await engine.open();
      clock = new Date('2026-01-14T10:00:00Z');
      ctx = { database: db, now: () => clock };
      const created = await createWorkspace(db.db, 'demo', ctx.now());
      await loadDemo(ctx, created);
      ws = (await getWorkspace(db.db, created.id))!;
    });
    afterAll(async () => db.cleanup());

    const idOf = async (name: string) => (await getClientByNameKey(db.db, ws.id, nameKey(name)))!.id;

    it('returns and mean gap before return over the 12 months ending 2026-01-14 and over all time, as worked out by hand', async () => {
      const year = await getKpis(ctx, ws, { asOf: '2026-01-14' });
      expect({ from: year.from, to: year.to }).toEqual({ from: '2025-01-15', to: '2026-01-14' });
      expect(year.returns).toBe(RETURNS_12_MONTHS.count);
      expect(year.avgInactivityBeforeReturnDays).toBeCloseTo(RETURNS_12_MONTHS.gapDays / RETURNS_12_MONTHS.count, 10); // 178,9 days
      const ids = await Promise.all(RETURNS_12_MONTHS.clients.map(idOf));
      expect(year.clientIds.returns).toEqual([...ids].sort((a, b) => a - b));

      const all = await getKpis(ctx, ws, { from: '2000-01-01', to: '2026-01-14' });
      expect(all.returns).toBe(RETURNS_ALL_TIME.count);
      expect(all.avgInactivityBeforeReturnDays).toBeCloseTo(RETURNS_ALL_TIME.gapDays / RETURNS_ALL_TIME.count, 10); // 179,9 days
      expect(all.clientIds.returns).toHaveLength(RETURNS_ALL_TIME.clients);
    });

    it('the active share objective is the overview’s: 7 active of 24 clients with a gig', async () => {
      const k = await getKpis(ctx, ws, { asOf: '2026-01-14' });
      const o = await getOverview(ctx, ws, '2026-01-14');
      expect(o.statuses.active).toBe(7);
      expect(k.objectives.find((x) => x.key === 'activeShare')).toEqual({
        key: 'activeShare',
        target: 0.4,
        value: 7 / 24,
        met: false,
        pending: 0,
      });
      expect(k.clientIds.activeShare).toHaveLength(7);
    });

    it('the default period is the year ending today in the workspace’s time zone, not its fixed reference date', async () => {
      clock = new Date('2026-03-01T23:30:00Z'); // already 2 March in Paris
      expect(periodOf(ctx, ws, {})).toEqual({ from: '2025-03-03', to: '2026-03-02' });
      expect(periodOf(ctx, ws, { to: '2025-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
      expect(() => periodOf(ctx, ws, { from: '2026-02-01', to: '2026-01-14' })).toThrow(AppError);
      clock = new Date('2026-01-14T10:00:00Z');
    });

    it('follow-ups count once they went out; answers and bookings make the rates, objectives and revenue', async () => {
      const ym = await idOf('YELLOW MONKEYS'); // regular (7 gigs), lapsed
      const bar = await idOf('BAR DU PORT MARTIGUES'); // VIP, lapsed
      const copied = await recordFollowUp(ctx, ws, {
        clientId: ym,
        subject: 'Nouveautés',
        body: 'Bonjour',
        template: 'standard',
        channel: 'copied',
      });
      let k = await getKpis(ctx, ws, { asOf: '2026-01-14' });
      expect(k.followedUp.all).toBe(0); // « à confirmer »

      await confirmFollowUp(ctx, ws, copied.id);
      await setFollowUpOutcome(ctx, ws, copied.id, { outcome: 'answered', date: '2026-01-14' });
      const phoned = await recordFollowUp(ctx, ws, { clientId: bar, subject: 'Appel', body: 'Appel', template: null, channel: 'phone' });
      k = await getKpis(ctx, ws, { asOf: '2026-01-14' });
      expect(k.followedUp).toEqual({ all: 2, vip: 1, regular: 1 });
      expect(k.responded).toEqual({ all: 1, vip: 0, regular: 1 });
      expect(k.reactivationRate).toEqual({ all: 0.5, vip: 0, regular: 1 });
      // Their 90 days are not over on 2026-01-14.
      expect(k.objectives.slice(0, 2)).toEqual([
        { key: 'vipReactivation', target: 0.3, value: null, met: null, pending: 1 },
        { key: 'regularReactivation', target: 0.2, value: null, met: null, pending: 1 },
      ]);

      // A confirmed booking of the bar on 2026-03-07 marks its follow-up "booking obtained".
      await createBooking(ctx, ws, {
        clientId: bar,
        date: '2026-03-07',
        amountCents: 45_000,
        status: 'confirmed',
        type: 'Soirée bar',
        venue: null,
        city: null,
        durationMinutes: null,
        notes: null,
      });
      k = await getKpis(ctx, ws, { from: '2025-06-01', to: '2026-04-30' });
      expect(k.responded.vip).toBe(1);
      expect(k.objectives.slice(0, 2)).toEqual([
        { key: 'vipReactivation', target: 0.3, value: 1, met: true, pending: 0 },
        { key: 'regularReactivation', target: 0.2, value: 0, met: false, pending: 0 },
      ]);
      expect(k.clientIds.vipReactivation).toEqual({ population: [bar], reactivated: [bar], pending: [] });
      // Not done yet: reported as upcoming while the period ends before it, nothing once it is past and still not done.
      const before = await getKpis(ctx, ws, { from: '2025-06-01', to: '2026-02-28' });
      expect(before.reactivationRevenue).toBe(0);
      expect(before.reactivationRevenueUpcoming).toBe(450);
      expect(phoned.status).toBe('sent');

      const dashboard = await getDashboard(ctx, ws, { asOf: '2026-01-14' });
      expect(dashboard.names[String(bar)]).toBe('BAR DU PORT MARTIGUES');
      expect(dashboard.charts.revenueByMonth).toHaveLength(24);
      expect(dashboard.charts.followUpsByMonth.at(-1)).toMatchObject({ month: '2026-01', sent: 2, answered: 1, booking: 1 });
      expect(dashboard.charts.revenueByYear.reduce((s, y) => s + y.revenue, 0)).toBe(48_752);
    });

    it('`djbooker kpis --json` prints the KPIs with exactly the documented keys', async () => {
      const target = cliTarget(db.options);
      let out = '';
      const code = await main(['kpis', '--as-of', '2026-01-14', '--json', ...target.args], {
        out: (t) => (out += t),
        err: () => undefined,
        env: target.env,
        now: () => clock,
      });
      expect(code).toBe(0);
      const json = JSON.parse(out);
      expect(Object.keys(json)).toEqual([
        'from',
        'to',
        'followedUp',
        'responded',
        'reactivationRate',
        'reactivationRevenue',
        'reactivationRevenueUpcoming',
        'returns',
        'avgInactivityBeforeReturnDays',
        'objectives',
        'clientIds',
      ]);
      expect(kpisSchema.strict().parse(json)).toMatchObject({ from: '2025-01-15', to: '2026-01-14', returns: 15 });
      expect(json.objectives.map((o: { key: string }) => o.key)).toEqual(['vipReactivation', 'regularReactivation', 'activeShare']);
      let err = '';
      expect(
        await main(['kpis', '--from', '2026-13-01', ...target.args], {
          out: () => undefined,
          err: (t) => (err += t),
          env: target.env,
          now: () => clock,
        }),
      ).toBe(2);
      expect(err).toContain('AAAA-MM-JJ');
    });
  });
}
