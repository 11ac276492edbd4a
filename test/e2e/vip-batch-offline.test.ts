/**
 * Issue 11, points 1 and 4, through the real server and Chromium. Runs after follow-ups.test.ts
 * (the demo's three VIP were followed up there today): it adds two VIP clients to win back of its
 * own (one gig of 5 200 € in May 2024 each) and removes the mail settings. Point 4: in one
 * generator, Copier, then the mail program, then .eml make one follow-up, and the client's
 * « Relances » panel says so. Point 1: the VIP batch without a mail server — per message Copier /
 * Ouvrir dans ma messagerie / Télécharger (.eml), one .zip of them all, each « à confirmer », and
 * « Tout confirmer envoyé ».
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiFromPage } from './support/api';
import { signedInWithClipboard } from './support/clipboard';
import { PHONE, errorsOf, expectNoSeriousAxeViolations, launchBrowser, openContext, screenshot, textOf } from './support/browser';
import { shownDate, todayInParis } from './support/dates';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const TODAY = todayInParis();
const CLIENTS = [
  { name: 'CAMPING LES PINS', email: 'contact@camping-les-pins.example' },
  { name: 'GOLF DE LA SAINTE-BAUME', email: 'events@golf-sainte-baume.example' },
];
let browser: Browser;
let page: Page;
const ids = new Map<string, number>();
const dir = mkdtempSync(join(tmpdir(), 'djbooker-zip-'));

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signedInWithClipboard(browser, baseUrl);
  for (const c of CLIENTS) {
    const created = await apiFromPage(page, 'POST', '/api/clients', { name: c.name, email: c.email, contact: 'Claire Morel' });
    expect(created.status).toBe(201);
    const id = (created.json as { client: { id: number } }).client.id;
    ids.set(c.name, id);
    expect((await apiFromPage(page, 'POST', '/api/gigs', { clientId: id, date: '2024-05-18', amount: 5200, status: 'done' })).status).toBe(
      201,
    );
  }
  expect((await apiFromPage(page, 'DELETE', '/api/mail-settings')).status).toBe(204);
  // A mailto: link would leave the page in a real browser: the click still runs, the navigation does not.
  await page.evaluate(() =>
    document.addEventListener(
      'click',
      (e) => {
        if (e.target instanceof Element && e.target.closest('a[href^="mailto:"]')) e.preventDefault();
      },
      true,
    ),
  );
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function followUpsOf(name: string): Promise<{ id: number; channel: string; status: string; date: string }[]> {
  const r = await apiFromPage(page, 'GET', `/api/follow-ups?clientId=${ids.get(name)}`);
  return (r.json as { followUps: { id: number; channel: string; status: string; date: string }[] }).followUps;
}

describe('one generator, one follow-up (point 4)', () => {
  it('Copier, then the mail program, then .eml record one follow-up; the Relances panel and the timeline agree', async () => {
    const golf = 'GOLF DE LA SAINTE-BAUME';
    await page.goto(`${baseUrl}/#/clients/${ids.get(golf)}`);
    await page.getByRole('heading', { level: 1, name: golf }).waitFor();
    await page.getByRole('button', { name: 'Relancer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Relancer ${golf}` });
    await dialog.getByLabel('Objet').waitFor();
    await dialog.getByRole('button', { name: 'Copier' }).click();
    await dialog.getByText('Message copié. Relance notée « à confirmer ».').waitFor();
    await dialog.getByRole('link', { name: 'Ouvrir dans ma messagerie' }).click();
    await dialog.getByText('Votre messagerie s’ouvre. Relance notée « à confirmer ».').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Télécharger (.eml)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`relance-golf-de-la-sainte-baume-${TODAY}.eml`);
    await dialog.getByText('Fichier .eml téléchargé. Relance notée « à confirmer ».').waitFor();
    expect((await followUpsOf(golf)).map((f) => [f.channel, f.status, f.date])).toEqual([['eml', 'to_confirm', TODAY]]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('timeline-follow-up').count()).toBe(1);
    expect(await textOf(page.getByTestId('timeline-follow-up'))).toContain('Fichier .eml');
    const relances = page.locator('section', { has: page.getByRole('heading', { name: 'Relances', exact: true }) });
    await expect.poll(async () => textOf(relances)).toContain(`1 relance à confirmer (du ${shownDate(TODAY)})`);
    expect(await textOf(relances)).not.toContain('Jamais relancé');
    // It did not go out after all: the client is as before for the batch below.
    await page.getByTestId('timeline-follow-up').getByRole('button', { name: 'Finalement pas envoyé' }).click();
    await expect.poll(async () => textOf(relances)).toContain('Jamais relancé depuis DJ Booker Pro.');
  });
});

describe('the VIP batch without a mail server (point 1)', () => {
  it('offers each message by copy, mail program and .eml, and all in one .zip, each recorded « à confirmer »', async () => {
    await page.goto(`${baseUrl}/#/relances/vip`);
    await page.getByTestId('batch-item').first().waitFor();
    await page.getByText('Sans serveur d’envoi, envoyez-les depuis votre messagerie').waitFor();
    // Only this file's two clients (the demo's VIP were followed up today by follow-ups.test.ts).
    for (const item of await page.getByTestId('batch-item').all()) {
      const name = (await item.locator('h2').innerText()).trim();
      if (!ids.has(name)) await item.getByRole('checkbox').uncheck();
    }
    expect(await page.getByRole('button', { name: 'Envoyer tout' }).count()).toBe(0);

    const camping = page.getByTestId('batch-item').filter({ hasText: 'CAMPING LES PINS' });
    await camping.getByRole('button', { name: 'Copier le message à CAMPING LES PINS' }).click();
    await expect.poll(async () => textOf(camping.getByTestId('batch-item-state'))).toBe('à confirmer');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Bonjour Claire');
    await camping.getByRole('link', { name: 'Ouvrir dans ma messagerie le message à CAMPING LES PINS' }).click();
    await expect.poll(async () => (await followUpsOf('CAMPING LES PINS')).map((f) => f.channel)).toEqual(['mailto']);
    await expectNoSeriousAxeViolations(page, 'VIP batch without SMTP');
    await viewShot(page, '35-vip-batch-offline');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tout télécharger (.zip, 2)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`relances-${TODAY}.zip`);
    const zip = join(dir, 'relances.zip');
    await download.saveAs(zip);
    const out = join(dir, 'out');
    execFileSync('unzip', ['-tq', zip]);
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, out]);
    const names = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip])
      .toString()
      .trim()
      .split('\n')
      .sort();
    expect(names).toEqual([`relance-camping-les-pins-${TODAY}.eml`, `relance-golf-de-la-sainte-baume-${TODAY}.eml`]);
    const eml = readFileSync(join(out, names[0]!), 'utf8');
    expect(eml).toMatch(/^To: .*contact@camping-les-pins\.example/m);
    expect(eml).toMatch(/^X-Unsent: 1/m);
    await page.getByText('2 fichiers .eml dans le .zip, chacun noté « à confirmer ».').waitFor();
    // One follow-up per client: the .zip updated the one CAMPING's buttons recorded.
    expect((await followUpsOf('CAMPING LES PINS')).map((f) => [f.channel, f.status])).toEqual([['eml', 'to_confirm']]);
    expect((await followUpsOf('GOLF DE LA SAINTE-BAUME')).map((f) => [f.channel, f.status])).toEqual([['eml', 'to_confirm']]);
  });

  it('fits 375 px, the messages still to confirm', async () => {
    const { context, page: p } = await openContext(browser, PHONE);
    await signIn(p, baseUrl);
    await p.goto(`${baseUrl}/#/relances/vip`);
    await p.getByTestId('batch-item').first().waitFor();
    await viewShot(p, '35-vip-batch-offline');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('« Tout confirmer envoyé » makes them follow-ups at once; they leave the batch', async () => {
    await page.getByRole('button', { name: 'Tout confirmer envoyé (2)' }).click();
    await page.getByText('2 relances confirmées comme envoyées.').waitFor();
    expect(await page.getByTestId('batch-item-state').allInnerTexts()).toEqual(['envoyée', 'envoyée']);
    await screenshot(page, '35-vip-batch-offline-confirmed');
    for (const c of CLIENTS) expect((await followUpsOf(c.name)).map((f) => [f.status, f.date])).toEqual([['sent', TODAY]]);

    await page.goto(`${baseUrl}/#/clients/${ids.get('CAMPING LES PINS')}`);
    const relances = page.locator('section', { has: page.getByRole('heading', { name: 'Relances', exact: true }) });
    await expect.poll(async () => textOf(relances)).toContain(`Dernière relance : ${shownDate(TODAY)}.`);
    await page.goto(`${baseUrl}/#/relances/vip`);
    await page.getByTestId('batch-count').waitFor();
    const names = await page.locator('[data-testid=batch-item] h2').allInnerTexts();
    for (const c of CLIENTS) expect(names).not.toContain(c.name);
    expect(errorsOf(page)).toEqual([]);
  });
});
