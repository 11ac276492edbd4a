/**
 * Issue 8: the texts that quote the active and lapsed thresholds read the workspace's own values.
 * On the demo data (crm.test.ts), the active threshold set to 60 days: the CRM's tiles and section
 * intros, the dashboard's objective and returns, a client's « why » say 60, and no longer 90.
 * Back to the guide's 90 days at the end: the files after this one count with it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchBrowser, openContext, textOf } from './support/browser';
import { signIn } from './support/session';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

async function setActiveDays(days: number): Promise<void> {
  await page.goto(`${baseUrl}/#/settings`);
  await page.getByLabel('Actif : moins de N jours').fill(String(days));
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.getByText('Réglages enregistrés.').waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await openContext(browser, DESKTOP));
  await signIn(page, baseUrl);
});

afterAll(async () => {
  if (page) await setActiveDays(90);
  await browser?.close();
});

describe('labels quoting the thresholds', () => {
  it('say the guide’s 90 days by default', async () => {
    await page.goto(`${baseUrl}/#/`);
    await expect.poll(async () => textOf(page.getByTestId('overview'))).toContain('actifs (< 90 jours)');
  });

  it('say 60 days everywhere once the workspace’s active threshold is 60 days', async () => {
    await setActiveDays(60);

    await page.goto(`${baseUrl}/#/`);
    const overview = page.getByTestId('overview');
    await expect.poll(async () => textOf(overview)).toContain('actifs (< 60 jours)');
    expect(await textOf(overview)).toContain('en veille (60–365 jours)');
    expect(await textOf(page.locator('#section-dormant'))).toContain('Dernière prestation il y a 60 à 365 jours');
    expect(await textOf(page.locator('#section-active'))).toContain('Dernière prestation il y a moins de 60 jours');

    await page.goto(`${baseUrl}/#/tableau-de-bord`);
    await page.getByRole('heading', { level: 3, name: 'Maintenir les clients actifs (< 60 jours) au-dessus de 40 %' }).waitFor();
    expect(await textOf(page.locator('main'))).toMatch(/une prestation après au moins 60 jours sans/);

    await page.goto(`${baseUrl}/#/clients?segment=active`);
    await page.getByRole('link', { name: 'Gergom Events', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Gergom Events' }).waitFor();
    expect((await page.locator('.reasons').allInnerTexts()).join('\n')).toContain('moins de 60 jours');

    for (const hash of ['#/', '#/tableau-de-bord']) {
      await page.goto(`${baseUrl}/${hash}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(async () => (await textOf(page.locator('main'))).includes('60')).toBe(true);
      expect(await textOf(page.locator('main')), hash).not.toMatch(
        /< 90 jours|90–365|il y a 90 à|moins de 90 jours\.|au moins 90 jours sans/,
      );
    }
  });
});
