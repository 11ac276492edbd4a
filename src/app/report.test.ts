/**
 * The PDF report on the real databases, read back with poppler's pdftotext: the demo's figures,
 * the three VIP to win back, page numbers and the table of contents; a long report stays short.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestDatabase } from '../../test/support/databases';
import { createWorkspace, getWorkspace, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { loadDemo } from './demo';
import { importFile } from './import-file';
import { eurosToCents, formatEuros } from '../domain/money';
import { frenchPercent, monthLabelLines } from '../domain/report';
import { getDashboard } from './kpis';
import { reportPdf } from './report';
import { updateSettings } from './settings';

const dir = mkdtempSync(join(tmpdir(), 'djbooker-report-'));
let n = 0;

/** The PDF's text as pdftotext reads it, with every kind of space made plain. */
function pdfText(pdf: Buffer): { text: string; pages: number } {
  const file = join(dir, `r${++n}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u202F\u00A0]/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  return { text, pages };
}

/** The lines of the text from one heading to the next. */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? undefined : end);
}

for (const engine of testEngines()) {
  describe(`the PDF report on ${engine.name}`, () => {
    let db: TestDatabase;
    let ctx: AppContext;
    let ws: Workspace;

    beforeEach(async () => {
      db = await engine.open();
      ctx = { database: db, now: () => new Date('2026-01-14T09:00:00Z') };
      ws = await createWorkspace(db.db, 'demo', ctx.now());
    });
    afterEach(async () => db.cleanup());

    it('shows the demo overview, the VIP to win back first, French formats, the DJ, the period, a contents line per section and page numbers', async () => {
      await loadDemo(ctx, ws);
      await updateSettings(ctx, ws, { djName: 'DJ Max Électro' });
      const workspace = await getWorkspace(db.db, ws.id);
      const { pdf, model } = await reportPdf(ctx, workspace ?? ws, { asOf: '2026-01-14' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { text, pages } = pdfText(pdf);

      expect(text).toContain('DJ : DJ Max Électro');
      expect(text).toContain('Période : du 15 janv. 2025 au 14 janv. 2026');
      expect(text).toContain('Date de référence : 14 janv. 2026');
      const overview = section(text, '1. Vue d’ensemble\n', '2. Indicateurs\n');
      expect(overview).toMatch(/Clients au total\s+25\n/);
      expect(overview).toMatch(/VIP \(à chouchouter\)\s+12\n/);
      expect(overview).toMatch(/CA total\s+48 752 €\n/);
      expect(overview).toMatch(/Prestations réalisées\s+276\n/);

      // The KPIs and objectives as the dashboard shows them for the same period.
      const { kpis, charts } = await getDashboard(ctx, workspace ?? ws, model.period);
      // pdftotext may drop the space of a short amount (`0 €` → `0€`).
      const euros = (n: number) =>
        formatEuros(eurosToCents(n))
          .replace(/[\u202F\u00A0]/g, ' ')
          .replace(/ €$/, ' ?€');
      const percent = (r: number | null) => (r === null ? 'pas encore de relance' : frenchPercent(r).replace(/[\u202F\u00A0]/g, ' '));
      const indicators = section(text, '2. Indicateurs\n', '3. Chiffre d’affaires\n');
      expect(indicators).toMatch(new RegExp(`Taux de réactivation\\s+${percent(kpis.reactivationRate.all)}\n`));
      expect(indicators).toMatch(new RegExp(`VIP\\s+${percent(kpis.reactivationRate.vip)}\n`));
      expect(indicators).toMatch(new RegExp(`Réguliers\\s+${percent(kpis.reactivationRate.regular)}\n`));
      expect(indicators).toMatch(new RegExp(`CA réactivation\\s+${euros(kpis.reactivationRevenue)}\n`));
      // The demo has gigs but no follow-ups: returns and an average inactivity, rates "pas encore de relance".
      expect(kpis.avgInactivityBeforeReturnDays).not.toBeNull();
      expect(indicators).toMatch(
        new RegExp(`Durée moyenne d’inactivité avant retour\\s+${Math.round(kpis.avgInactivityBeforeReturnDays ?? 0)} jours\n`),
      );
      expect(indicators).toContain(`${kpis.returns} retours sur la période`);
      if (kpis.followedUp.all > 0)
        expect(indicators).toContain(`${kpis.responded.all} des ${kpis.followedUp.all} clients relancés ont répondu ou réservé.`);
      expect(kpis.objectives).toHaveLength(3);
      for (const o of kpis.objectives) {
        if (o.value !== null) expect(indicators).toContain(percent(o.value));
        expect(indicators).toContain(percent(o.target));
      }
      expect(indicators).toContain('Clients par statut en fin de mois');
      const met = kpis.objectives.filter((o) => o.met === true).length;
      const missed = kpis.objectives.filter((o) => o.met === false).length;
      expect(met + missed).toBeGreaterThan(0);
      expect(indicators.split('✓ atteint').length - 1).toBe(met);
      expect(indicators.split('✗ non atteint').length - 1).toBe(missed);

      const revenue = section(text, '3. Chiffre d’affaires\n', '4. Top VIP\n');
      expect(revenue).toContain('CA par mois sur 24 mois');
      expect(charts.revenueByMonth).toHaveLength(24);
      for (const m of charts.revenueByMonth) for (const line of monthLabelLines(m.month)) expect(revenue).toContain(line);
      expect(revenue).toContain('CA par année');
      expect(revenue).toMatch(new RegExp(`VIP\\s+${euros(charts.vipShare.vip)} \\(${percent(charts.vipShare.share)}\\)`));

      const winBack = section(text, '5. Clients à relancer, par priorité\n', '6. Clients en veille');
      const ranked = [...winBack.matchAll(/^\s+(\d+) (\S.*?)\s{2,}/gm)].map((m) => m[2]);
      expect(ranked.slice(0, 3)).toEqual(['BAR DU PORT MARTIGUES', 'BDE SCIENCES PO AIX', 'LA TAVERNE DES ÉCRINS']);
      expect(ranked).toHaveLength(7);
      expect(winBack).toContain('770 €');
      expect(winBack).toContain('VIP (par le nombre de prestations)');
      expect(text).toContain('6. Clients en veille : rappel doux');

      expect(pages).toBeGreaterThanOrEqual(2);
      for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} / ${pages}`);
      const contents = section(text, 'Sommaire', '1. Vue d’ensemble\n');
      model.sections.forEach((s, i) => expect(contents).toMatch(new RegExp(`${i + 1}\\. ${s.title}\\s+page \\d+`)));
    });

    it('cuts a list of 1,000 clients to win back at 50, says so, and stays a few pages long', async () => {
      const lines = ['Date;Client;Montant'];
      for (let i = 0; i < 1000; i++)
        lines.push(`${String((i % 28) + 1).padStart(2, '0')}/03/2021;Client perdu ${String(i).padStart(4, '0')};${100 + i},00`);
      const file = join(dir, 'many.csv');
      writeFileSync(file, lines.join('\n'));
      await importFile(ctx, ws, { kind: 'gigs', path: file, overrides: {}, dryRun: false });
      const { text, pages } = pdfText((await reportPdf(ctx, ws, { asOf: '2026-01-14' })).pdf);
      expect(text).toContain('1 000 clients sans prestation depuis plus d’un an');
      expect(text).toContain('Liste limitée aux 50 premiers sur 1 000.');
      // The highest priority first: the largest revenue among equals.
      expect(text).toMatch(/1 Client perdu 0999/);
      expect(text).not.toContain('Client perdu 0000');
      expect(pages).toBeLessThanOrEqual(6);
      expect(text).toContain(`Page ${pages} / ${pages}`);
    });
  });
}
