/**
 * Issue 13 in the product: the « Tableau de bord » on the demo data (imported by crm.test.ts), for
 * the 12 months ending 2026-01-14 — KPIs and objectives, the clients behind each figure, the charts
 * with their tables, loaded only on this page; at 1280 and 375 px. Read only: the later files'
 * follow-ups are not disturbed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, launchBrowser, openContext, screenshot, textOf } from './support/browser';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const PERIOD = '#/tableau-de-bord?period=custom&from=2025-01-15&to=2026-01-14';
let browser: Browser;
let page: Page;
const scripts: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await openContext(browser, DESKTOP));
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await signIn(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

async function openDashboard(p: Page): Promise<void> {
  await p.goto(`${baseUrl}/${PERIOD}`);
  await p.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  await p.getByRole('heading', { level: 2, name: 'Graphiques' }).waitFor();
}

describe('the analytics page', () => {
  it('loads its code only when opened, from the navigation', async () => {
    expect(scripts.some((u) => /dashboard-.*\.js$/.test(u))).toBe(false);
    await page.getByRole('navigation').getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { level: 2, name: 'Indicateurs clés' }).waitFor();
    expect(scripts.some((u) => /dashboard-.*\.js$/.test(u))).toBe(true);
    expect(await page.getByRole('radio', { name: '12 derniers mois' }).isChecked()).toBe(true);
  });

  it('shows the KPIs of the 12 months ending 2026-01-14: 15 returns after 179 days on average, no follow-up yet', async () => {
    await openDashboard(page);
    expect(await textOf(page.getByText(/^Du .* au .*, bornes comprises\.$/))).toBe('Du 15 janv. 2025 au 14 janv. 2026, bornes comprises.');
    const kpis = page.locator('section', { has: page.getByRole('heading', { name: 'Indicateurs clés' }) });
    const rate = await textOf(kpis.locator('li.kpi', { hasText: 'Taux de réactivation' }));
    expect(rate).toContain('pas encore de relance');
    expect(rate).not.toMatch(/0 %/);
    const inactivity = await textOf(kpis.locator('li.kpi', { hasText: 'inactivité' }));
    expect(inactivity).toContain('179 jours');
    expect(inactivity).toContain('15 retours sur la période');

    const objectives = page.locator('section', { has: page.getByRole('heading', { name: 'Objectifs recommandés' }) });
    const active = await textOf(objectives.locator('li', { hasText: 'Maintenir les clients actifs' }).first());
    expect(active).toMatch(/29 % \(objectif 40 %\) — ⚠️ non atteint/);
    expect(await textOf(objectives.locator('li', { hasText: 'VIP inactifs' }).first())).toContain('pas encore de relance');
  });

  it('opens the clients behind a figure and goes to one of them, whose page charts its revenue per year', async () => {
    await openDashboard(page);
    const returning = page.locator('details.who', { hasText: 'Clients revenus' });
    await returning.locator('summary').click();
    expect(await textOf(returning.locator('summary'))).toBe('Clients revenus (12 clients)');
    await returning.getByRole('link', { name: 'ROOFTOP EMBRUN' }).click();
    await page.getByRole('heading', { level: 1, name: 'ROOFTOP EMBRUN' }).waitFor();
    const chart = page.getByRole('figure', { name: 'CA par année' });
    await chart.locator('svg rect').first().waitFor();
    await chart.getByText('Voir les données en tableau').click();
    expect(await textOf(chart.getByRole('row', { name: /^2025/ }))).toBe('2025 3 700 € 8');
    await expectNoSeriousAxeViolations(page, 'client page with its revenue chart');
  });

  it('draws every chart with its table; a table opens from the keyboard', async () => {
    await openDashboard(page);
    const titles = [
      'CA par mois sur 24 mois',
      'CA par année',
      'Clients par statut en fin de mois',
      'Part du CA apportée par les VIP',
      'CA par type d’événement (période)',
      'CA par mois de l’année',
      'Relances envoyées et leurs résultats',
    ];
    for (const name of titles) await page.getByRole('figure', { name }).waitFor();
    expect(await page.locator('.chart svg').count()).toBe(5);

    const byYear = page.getByRole('figure', { name: 'CA par année' });
    await byYear.locator('summary').focus();
    await page.keyboard.press('Enter');
    const years = byYear.getByRole('table');
    await years.waitFor();
    expect(await textOf(years.getByRole('row', { name: /^2025/ }))).toMatch(/^2025 [\d ]+ € \d+$/);
    const sum = await years.evaluate((t) =>
      [...t.querySelectorAll('tbody tr')].reduce(
        (s, r) => s + Number((r.children[1]?.textContent ?? '').replace(/[^\d,]/g, '').replace(',', '.')),
        0,
      ),
    );
    expect(sum).toBe(48752);

    const statuses = page.getByRole('figure', { name: 'Clients par statut en fin de mois' });
    await statuses.locator('summary').click();
    expect(await textOf(statuses.getByRole('row').last())).toBe('janv. 26 7 10 7');
    expect(await textOf(page.getByRole('figure', { name: 'Part du CA apportée par les VIP' }))).toMatch(
      /Sur la période : \d+ % du CA vient des \d+ VIP/,
    );

    await expectNoSeriousAxeViolations(page, 'analytics page');
    await screenshot(page, '13-dashboard');
    await page.evaluate(() => window.scrollTo(0, 0));
    await viewShot(page, '13-dashboard-top');
    expect(errorsOf(page)).toEqual([]);
  });

  it('switches the period: this year, then a custom one kept in the address', async () => {
    await openDashboard(page);
    await page.getByRole('radio', { name: 'Cette année' }).check();
    await page.waitForURL(/period=year/);
    await page.getByText(/^Du 1 janv\. \d{4} au .*, bornes comprises\.$/).waitFor();
    await page.getByRole('radio', { name: 'Personnalisée' }).check();
    await page.getByLabel('Du', { exact: true }).fill('2022-01-01');
    await page.getByLabel('Au', { exact: true }).fill('2026-01-14');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/from=2022-01-01&to=2026-01-14/);
    await page.getByText('Du 1 janv. 2022 au 14 janv. 2026, bornes comprises.').waitFor();
    expect(await textOf(page.locator('li.kpi', { hasText: 'inactivité' }))).toContain('43 retours sur la période');
  });

  it('reads at 375 px without scrolling sideways', async () => {
    const { context, page: p } = await openContext(browser, PHONE);
    await signIn(p, baseUrl);
    await openDashboard(p);
    await p.getByRole('figure', { name: 'CA par mois sur 24 mois' }).locator('svg').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoSeriousAxeViolations(p, 'analytics page at 375 px');
    await screenshot(p, '13-dashboard');
    await viewShot(p, '13-dashboard-top');
    expect(errorsOf(p)).toEqual([]);
    await context.close();
  });
});
