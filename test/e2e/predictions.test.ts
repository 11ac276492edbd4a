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

  it('YELLOW MONKEYS shows a probability of still being a client under 5 %', async () => {
    await openClient(page, 'YELLOW MONKEYS');
    const pAlive = page.getByTestId('p-alive');
    expect(Number(await pAlive.getAttribute('data-value'))).toBeLessThan(0.05);
    expect(await textOf(pAlive)).toMatch(/^moins de 1 %/);
    expect(await textOf(pAlive)).toContain('7 prestations');
  });

  it('a client with a single gig gets the explanation instead of a percentage', async () => {
    await openClient(page, 'GABRIELE REINE');
    const text = await textOf(page.getByTestId('p-alive'));
    expect(text).not.toMatch(/%/);
    expect(text).toContain('Une seule prestation');
  });

  it('« Clients à relancer » and « en veille » cards show the probability and the seasonal window', async () => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/predictions')) requests.push(r.url());
    });
    await page.goto(`${baseUrl}/#/`);
    await page.reload();
    const yellow = page.locator('#section-lapsed [data-testid=client-card]', { hasText: 'YELLOW MONKEYS' });
    await yellow.getByTestId('card-p-alive').waitFor();
    expect(await textOf(yellow.getByTestId('card-p-alive'))).toBe('Encore client : moins de 1 % (confiance faible)');
    const fos = page.locator('#section-dormant [data-testid=client-card]', { hasText: 'MAIRIE DE FOS-SUR-MER' });
    expect(await textOf(fos.getByTestId('card-seasonal'))).toBe('Relance saisonnière : du 21 mars 2026 au 21 avr. 2026 (prochaine date 21 juin 2026)');
    expect(requests).toHaveLength(1);
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
