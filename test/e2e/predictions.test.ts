/**
 * Issue 5 in the product, on the demo data (reference date 2026-01-14, set by crm.test.ts): the
 * client page's predictions with their explanations, and the lines of « Clients à relancer ».
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, launchBrowser, openContext, screenshot, textOf } from './support/browser';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await openContext(browser, DESKTOP));
  await signIn(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

async function openClient(p: Page, name: string): Promise<void> {
  await p.goto(`${baseUrl}/#/clients`);
  await p.getByLabel('Rechercher').fill(name.slice(0, 12));
  await p.getByRole('link', { name, exact: true }).click();
  await p.getByRole('heading', { level: 1, name }).waitFor();
  await p.getByRole('heading', { level: 2, name: 'Prédictions' }).waitFor();
}

/** « 1 234,56 € » → 1234.56 (the figure at the start of a text). */
function euros(text: string): number {
  const m = /^([\d\s\u202f\u00a0]+(?:,\d+)?)\s*€/u.exec(text.trim());
  if (!m) throw new Error(`no amount in « ${text} »`);
  return Number((m[1] as string).replace(/[\s\u202f\u00a0]/gu, '').replace(',', '.'));
}

describe('predictions in the product', () => {
  it("MAIRIE DE FOS-SUR-MER's page shows its seasonal follow-up: 21 juin 2026, from 21 mars 2026", async () => {
    await openClient(page, 'MAIRIE DE FOS-SUR-MER');
    const seasonal = await textOf(page.getByTestId('seasonal'));
    expect(seasonal).toContain('dimanche 21 juin 2026');
    expect(seasonal).toContain('relancer entre le 21 mars 2026 et le 21 avr. 2026');
    expect(seasonal).toMatch(/juin 2022 et 2025/);
    const panel = await textOf(page.locator('section', { has: page.getByRole('heading', { name: 'Prédictions' }) }));
    expect(panel).toMatch(/Confiance faible : \d+ clients, \d+ fidèles \(.*peu de clients/);
    expect(panel).toContain('CA attendu sur 12 mois');
    expect(panel).toContain('s’il est reconquis');
    await expectNoSeriousAxeViolations(page, 'client page with predictions');
    await page.getByRole('heading', { level: 2, name: 'Prédictions' }).scrollIntoViewIfNeeded();
    await viewShot(page, '11-predictions');
  });

  it('YELLOW MONKEYS shows a probability of still being a client under 5 %, and revenue figures that agree with it', async () => {
    await openClient(page, 'YELLOW MONKEYS');
    const pAlive = page.getByTestId('p-alive');
    expect(Number(await pAlive.getAttribute('data-value'))).toBeLessThan(0.05);
    expect(await textOf(pAlive)).toMatch(/^moins de 1 %/);
    expect(await textOf(pAlive)).toContain('7 prestations');
    // Not « CA attendu : 2 450 € » next to « moins de 1 % »: 2 450 € is what winning the client back is worth.
    const expected = await textOf(page.getByTestId('expected-revenue'));
    expect(euros(expected)).toBeLessThan(0.05 * 2450);
    expect(expected).toContain('moins de 0,1 prestation attendue');
    expect(euros(await textOf(page.getByTestId('if-won-back')))).toBe(2450);
  });

  it('the four demo pages of the issue tell one story each (1280 and 375 px screenshots)', async () => {
    const { context, page: phone } = await openContext(browser, PHONE);
    await signIn(phone, baseUrl);
    for (const [name, slug] of [
      ['YELLOW MONKEYS', 'yellow-monkeys'],
      ['BAR DU PORT MARTIGUES', 'bar-du-port'],
      ['CAMILLE & THOMAS', 'camille-thomas'],
      ['SOLEVENT SÉMINAIRES', 'solevent'],
    ] as const) {
      for (const p of [page, phone]) {
        await openClient(p, name);
        const pAlive = p.getByTestId('p-alive');
        const value = await pAlive.getAttribute('data-value');
        const expected = euros(await textOf(p.getByTestId('expected-revenue')));
        const ifWonBack = euros(await textOf(p.getByTestId('if-won-back')));
        expect(expected).toBeLessThanOrEqual(ifWonBack);
        // Expected revenue = P(alive) × (revenue if still a client) at most: never more than the probability allows.
        if (value !== null && Number(value) < 0.05) expect(expected).toBeLessThan(0.05 * ifWonBack + 1);
        // The predictions panel itself, at each width (the page above it is other features').
        await p
          .locator('section', { has: p.getByRole('heading', { level: 2, name: 'Prédictions' }) })
          .screenshot({ path: `screenshots/12-${slug}-${p === page ? 'desktop' : 'phone'}.png` });
      }
    }
    await context.close();
  });

  it('a single-gig client: probability unknown, the population mean amount, and words that say how little is known', async () => {
    await openClient(page, 'CAMILLE & THOMAS');
    const text = await textOf(page.getByTestId('p-alive'));
    expect(text).toMatch(/^Inconnue/);
    expect(text).toContain('on ne sait presque rien');
    expect(await textOf(page.getByTestId('expected-revenue'))).toContain('Moyenne d’un client à une seule prestation');
  });

  it('SOLEVENT SÉMINAIRES: the months its gigs happened in (14/12/2023, 14/01/2025), the window as dates', async () => {
    await openClient(page, 'SOLEVENT SÉMINAIRES');
    const seasonal = await textOf(page.getByTestId('seasonal'));
    expect(seasonal).toContain('A fait sa soirée en décembre 2023 et janvier 2025.');
    expect(seasonal).not.toContain('2024');
    expect(seasonal).toMatch(/relancer entre le \d+ \S+ 2026 et le \d+ \S+ 2026/);
  });

  it('a client with a single gig gets the explanation instead of a percentage', async () => {
    await openClient(page, 'GABRIELE REINE');
    const text = await textOf(page.getByTestId('p-alive'));
    expect(text).not.toMatch(/%/);
    expect(text).toContain('Une seule prestation');
  });

  it('« Clients à relancer » and « en veille » cards show the probability and the seasonal window', async () => {
    const requests: string[] = [];
    // The two lists' pages, not every client: one request per list.
    page.on('request', (r) => {
      if (r.url().includes('/api/predictions')) requests.push(r.url());
    });
    await page.goto(`${baseUrl}/#/`);
    await page.reload();
    const yellow = page.locator('#section-lapsed [data-testid=client-card]', { hasText: 'YELLOW MONKEYS' });
    await yellow.getByTestId('card-p-alive').waitFor();
    expect(await textOf(yellow.getByTestId('card-p-alive'))).toBe('Encore client : moins de 1 % (confiance faible)');
    const fos = page.locator('#section-dormant [data-testid=client-card]', { hasText: 'MAIRIE DE FOS-SUR-MER' });
    expect(await textOf(fos.getByTestId('card-seasonal'))).toBe(
      'Relance saisonnière : du 21 mars 2026 au 21 avr. 2026 (prochaine date 21 juin 2026)',
    );
    expect(requests.map((u) => new URL(u).searchParams.get('segment')).sort()).toEqual(['dormant', 'lapsed']);
    expect(requests.every((u) => new URL(u).searchParams.get('limit') === '50')).toBe(true);
    expect(errorsOf(page)).toEqual([]);
  });

  it('reads at 375 px', async () => {
    const { context, page: p } = await openContext(browser, PHONE);
    await signIn(p, baseUrl);
    await openClient(p, 'MAIRIE DE FOS-SUR-MER');
    await p.getByRole('heading', { level: 2, name: 'Prédictions' }).scrollIntoViewIfNeeded();
    await viewShot(p, '11-predictions');
    await screenshot(p, '11-client-full');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});
