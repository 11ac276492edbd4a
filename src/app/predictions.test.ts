/** Predictions on the demo portfolio, through the database, and the backtest the README reports. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { createWorkspace, updateWorkspace, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { importFile } from './import-file';
import { backtestForecast, getForecast } from './predictions';

const DEMO = new URL('../../demo/', import.meta.url).pathname;
const demoGigs = readFileSync(`${DEMO}prestations_dj_clean.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));

for (const engine of testEngines()) {
  describe(`predictions on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: AppContext;
    let ws: Workspace;

    beforeEach(async () => {
      db = await engine.open();
      ctx = { database: db, now: () => new Date('2026-01-14T12:00:00Z') };
      ws = await createWorkspace(db.db, 'demo', ctx.now());
      for (const [kind, file] of [
        ['clients', 'clients_dj_clean.csv'],
        ['gigs', 'prestations_dj_clean.csv'],
      ] as const) {
        await importFile(ctx, ws, { kind, path: `${DEMO}${file}`, overrides: {}, dryRun: false });
      }
      // As `djbooker demo` does: the demo's data end on its reference date.
      await updateWorkspace(db.db, ws.id, { referenceDate: '2026-01-14' });
      ws = { ...ws, referenceDate: '2026-01-14' };
    });
    afterEach(async () => db.cleanup());

    it('predicts every client of the demo, within bounds, with a low confidence for 25 clients', async () => {
      const f = await getForecast(ctx, ws, '2026-01-14');
      expect(f.clients).toHaveLength(25);
      expect(f.model).toMatchObject({ confidence: 'low', clients: 24 });
      for (const c of f.clients) {
        const p = c.prediction;
        if (p.pAlive !== null) expect(p.pAlive).toBeGreaterThanOrEqual(0);
        if (p.pAlive !== null) expect(p.pAlive).toBeLessThanOrEqual(1);
        if (p.expectedGigs !== null) expect(Number.isFinite(p.expectedGigs) && p.expectedGigs >= 0).toBe(true);
        expect(Number.isInteger(p.expectedRevenueCents) && p.expectedRevenueCents >= 0).toBe(true);
        expect(c.explanation).not.toMatch(/NaN|undefined|\{\{/);
      }
      const byName = new Map(f.clients.map((c) => [c.name, c]));
      // Gone for 932 days after 7 gigs: almost surely lost; playing every week: almost surely still there.
      expect(byName.get('YELLOW MONKEYS')!.prediction.pAlive).toBeLessThan(0.05);
      expect(byName.get('LE SPOT MIRAMAS')!.prediction.pAlive).toBeGreaterThan(0.9);
      // One gig: the model cannot tell, and says so instead of "100 %".
      expect(byName.get('CAMILLE & THOMAS')!.prediction.pAlive).toBeNull();
      expect(byName.get('CAMILLE & THOMAS')!.explanation).toContain('Une seule prestation');
      expect(byName.get('FESTIVAL ALPES SOUND')!.prediction.expectedGigs).toBeNull();
      // Low confidence: the history-based potential is what the client is worth *if won back*; the
      // revenue expected agrees with the probability (under 5 % still a client: almost nothing).
      const yellow = byName.get('YELLOW MONKEYS')!.prediction;
      expect(yellow).toMatchObject({ basis: 'history', revenueIfWonBackCents: 245_000 });
      expect(yellow.expectedRevenueCents).toBeLessThan(0.05 * 245_000);
      expect(byName.get('YELLOW MONKEYS')!.explanation).toMatch(
        /^Encore client à moins de 1 % ; moins de 0,1 prestation attendue sur 12 mois, soit \d+,\d\d\s€ attendus ; 2\s450\s€ s'il est reconquis \(d’après son historique\) — confiance faible\.$/u,
      );
      for (const c of f.clients) {
        const p = c.prediction;
        if (p.expectedGigs !== null)
          expect(Math.abs(p.expectedRevenueCents - p.expectedGigs * p.expectedGigCents)).toBeLessThanOrEqual(p.expectedGigs / 2 + 0.5);
        expect(p.revenueIfWonBackCents).toBeGreaterThanOrEqual(p.expectedRevenueCents);
      }
      // One wedding: the spend is the portfolio's population mean, not the couple's one amount.
      const camille = byName.get('CAMILLE & THOMAS')!.prediction;
      expect(camille.spendBasis).toBe('population');
      expect(f.model.reasons.map((r) => r.fit)).toContain('spend');
      // The Fête de la musique comes back every 21 June; a weekly club has no season.
      expect(byName.get('MAIRIE DE FOS-SUR-MER')!.seasonal).toMatchObject({ nextDate: '2026-06-21', followUpFrom: '2026-03-21' });
      expect(byName.get('LE SPOT MIRAMAS')!.seasonal).toBeNull();
    });

    it('backtests on the demo: calibrated to 2025-01-14, compared with the year that followed', async () => {
      const b = await backtestForecast(ctx, ws, '2025-01-14');
      expect(b).toMatchObject({ horizonEnd: '2026-01-14', dataEnd: '2026-01-14', horizonDays: 365 });
      const happened = demoGigs.filter((r) => r[1]! > '2025-01-14' && r[1]! <= '2026-01-14');
      const days = new Set(happened.map((r) => `${r[2]}|${r[1]}`));
      expect(b.totals.actualGigs).toBe(days.size);
      expect(b.totals.actualRevenueCents).toBe(Math.round(happened.reduce((s, r) => s + Number(r[6]) * 100, 0)));
      const mae = b.rows.reduce((s, r) => s + Math.abs((r.predictedGigs ?? 0) - r.actualGigs), 0) / b.rows.length;
      expect(b.totals.meanAbsoluteErrorGigs).toBeCloseTo(mae, 10);
      // What the README reports: the model's total is closer to what happened than the naive yearly rate.
      expect(Math.abs(b.totals.predictedGigs - b.totals.actualGigs)).toBeLessThan(Math.abs(b.totals.naiveGigs - b.totals.actualGigs));
    });
  });
}
