/**
 * Issue 11 through the real server and Chromium on the demo data (imported by crm.test.ts, with
 * its reference date 14 January 2026; this file runs before follow-ups.test.ts and leaves the
 * data as it found it: the reference date, the three VIP clients proposable, no mail settings).
 * Point 3: a past reference date shows a banner and never reaches a message, a follow-up's date
 * or a free date offered. Point 2: a batch sent to a mail server that is down stays in the
 * outbox, holds its clients without calling them followed up, says why in words; cancelled from
 * the outbox page, every client is proposable again at once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { nextFreeWeekendDates } from '../../src/domain/follow-ups/free-dates';
import { frenchDateList } from '../../src/domain/follow-ups/french';
import { closedPort } from '../support/smtp';
import { apiFromPage } from './support/api';
import { signedInWithClipboard } from './support/clipboard';
import { PHONE, errorsOf, expectNoSeriousAxeViolations, launchBrowser, openContext, screenshot, textOf } from './support/browser';
import { shownDate, todayInParis } from './support/dates';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const VIP = ['BAR DU PORT MARTIGUES', 'BDE SCIENCES PO AIX', 'LA TAVERNE DES ÉCRINS'];
const TODAY = todayInParis();
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signedInWithClipboard(browser, baseUrl);
});

afterAll(async () => {
  // The next files start without mail settings, as after the demo.
  if (page) await apiFromPage(page, 'DELETE', '/api/mail-settings');
  await browser?.close();
});

async function statesShown(p: Page): Promise<string[]> {
  return (await p.getByTestId('outbox-state').allInnerTexts()).map((s) => s.trim());
}

describe('the reference date is for the figures only', () => {
  it('a past reference date shows a banner, and never reaches a message, a follow-up date nor a free date', async () => {
    const banner = page.getByTestId('reference-date-banner');
    await expect.poll(async () => textOf(banner)).toContain('Vous consultez les chiffres au 14 janv. 2026.');
    expect(await textOf(banner)).toContain(`datés d’aujourd’hui (${shownDate(TODAY)})`);
    await viewShot(page, '34-crm-reference-banner');

    await page.locator('#section-lapsed').getByRole('button', { name: 'Relancer TENNIS CLUB DE GRANS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer TENNIS CLUB DE GRANS' });
    await dialog.getByLabel('Objet').waitFor();
    const body = await dialog.getByLabel('Message').inputValue();
    const offered = /dates libres : ([^.]*)\./.exec(body)?.[1] ?? '';
    expect(offered).not.toBe('');
    // Only Fridays and Saturdays after today: none of January 2026 (the reference date's).
    expect(offered).not.toMatch(/janvier|16 janvier/);
    const weekendsAhead = nextFreeWeekendDates(TODAY, [], 12).map((d) => frenchDateList([d], TODAY));
    for (const part of offered.split(/, | et /)) expect(weekendsAhead, part).toContain(part);

    await dialog.getByRole('button', { name: 'Copier' }).click();
    await dialog.getByText('Message copié. Relance notée « à confirmer ».').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('#section-lapsed').getByRole('link', { name: 'Stats de TENNIS CLUB DE GRANS' }).click();
    const event = page.getByTestId('timeline-follow-up').first();
    await expect.poll(async () => textOf(event)).toContain('à confirmer');
    expect(await textOf(event.locator('.event-date'))).toBe(shownDate(TODAY));
    // Not sent after all: the timeline forgets it (the next files find the client as it was).
    await event.getByRole('button', { name: 'Finalement pas envoyé' }).click();
    await expect.poll(() => page.getByTestId('timeline-follow-up').count()).toBe(0);
  });

  it('« Revenir à aujourd’hui » drops the reference date in one click', async () => {
    await page.goto(`${baseUrl}/#/`);
    const banner = page.getByTestId('reference-date-banner');
    await banner.getByRole('button', { name: 'Revenir à aujourd’hui' }).click();
    await banner.waitFor({ state: 'hidden' });
    await page.getByText(`Chiffres au ${shownDate(TODAY)}`).waitFor();
    // Back to the demo's date for the files after this one.
    expect((await apiFromPage(page, 'PUT', '/api/settings', { referenceDate: '2026-01-14' })).status).toBe(200);
    await page.reload();
    await page.getByTestId('reference-date-banner').waitFor();
  });
});

describe('a batch to a mail server that is down', () => {
  it('stays in the outbox, retrying, with the reason in words', async () => {
    const put = await apiFromPage(page, 'PUT', '/api/mail-settings', {
      host: '127.0.0.1',
      port: await closedPort(),
      secure: false,
      username: null,
      fromName: 'DJ Camille',
      fromAddress: 'camille@example.fr',
    });
    expect(put.status).toBe(200);
    await page.goto(`${baseUrl}/#/relances/vip`);
    await page.getByTestId('batch-item').first().waitFor();
    expect((await page.locator('[data-testid=batch-item] h2').allInnerTexts()).sort()).toEqual(VIP);
    await page.getByRole('button', { name: 'Envoyer tout (3)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Envoi en cours' }).waitFor();
    await expect
      .poll(() => statesShown(page), { timeout: 20_000 })
      .toEqual(['Nouvel essai prévu', 'Nouvel essai prévu', 'Nouvel essai prévu']);
    const words = await page.getByTestId('send-error').allInnerTexts();
    expect(words).toHaveLength(3);
    for (const w of words) expect(w).toContain('Le serveur d’envoi refuse la connexion : vérifiez son adresse et le port');
    // The mail library's own text stays one click away.
    const first = page.getByTestId('send-error').first();
    await first.getByText('Détail technique').click();
    expect(await textOf(first)).toMatch(/ECONNREFUSED/);
    await expectNoSeriousAxeViolations(page, 'batch progress with retries');
    await viewShot(page, '30-batch-retrying');
  });

  it('is not a follow-up yet: the CRM shows the outbox, the batch does not queue twice, the client says « jamais relancé »', async () => {
    await page.getByRole('link', { name: 'Retour au CRM' }).last().click();
    const panel = page.getByTestId('outbox-panel');
    await expect.poll(async () => textOf(panel)).toContain('3 e-mails attendent dans la boîte d’envoi.');
    await screenshot(page, '31-crm-outbox-panel');
    await viewShot(page, '31-crm-outbox-panel');

    await page.getByRole('link', { name: 'Relancer tous les VIP inactifs' }).click();
    await page.getByText('Aucun VIP inactif à relancer aujourd’hui.').waitFor();
    expect(await textOf(page.getByTestId('batch-in-outbox'))).toContain('3 e-mails attendent dans la boîte d’envoi');

    const bar = await apiFromPage(page, 'GET', '/api/clients?segment=lapsed&q=BAR%20DU%20PORT');
    const barId = (bar.json as { clients: { id: number; name: string }[] }).clients.find((c) => c.name === 'BAR DU PORT MARTIGUES')!.id;
    // A second message to the same client is refused, even forced: never two waiting for one client.
    const again = await apiFromPage(page, 'POST', '/api/follow-ups/batch', {
      batchId: 'e2e-second-batch',
      force: true,
      messages: [{ clientId: barId, subject: 'Encore', body: 'Bonjour' }],
    });
    expect(again.json).toMatchObject({ results: [{ result: 'refused', reason: 'in_outbox' }] });

    await page.goto(`${baseUrl}/#/clients/${barId}`);
    const relances = page.locator('section', { has: page.getByRole('heading', { name: 'Relances', exact: true }) });
    await expect.poll(async () => textOf(relances)).toContain('Jamais relancé depuis DJ Booker Pro.');
    expect(await textOf(relances)).toContain('Un e-mail attend dans la boîte d’envoi');
    expect(await textOf(relances)).not.toContain('Dernière relance');
    expect(await textOf(page.getByTestId('timeline-follow-up').first())).toContain('en file d’envoi');
  });

  it('the outbox page lists them; « Annuler l’envoi » frees each client at once and says so', async () => {
    await page.getByRole('link', { name: 'Voir la boîte d’envoi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Boîte d’envoi' }).waitFor();
    await expect
      .poll(() => statesShown(page), { timeout: 10_000 })
      .toEqual(['Nouvel essai prévu', 'Nouvel essai prévu', 'Nouvel essai prévu']);
    expect(await textOf(page.getByTestId('outbox-counts'))).toContain('3 en attente');
    await expectNoSeriousAxeViolations(page, 'outbox page');
    await screenshot(page, '32-outbox');
    for (const name of VIP) await page.getByRole('button', { name: `Annuler l’envoi à ${name}` }).click();
    await expect.poll(() => statesShown(page), { timeout: 10_000 }).toEqual(['Annulé', 'Annulé', 'Annulé']);
    for (const w of await page.getByTestId('send-error').allInnerTexts())
      expect(w).toContain('Annulé par vous : le message n’est pas parti, le client peut être relancé.');

    // « Réessayer » puts one back: it fails again the same way, and is cancelled again.
    await page.getByRole('button', { name: 'Réessayer l’envoi à BDE SCIENCES PO AIX' }).click();
    const bde = page.getByTestId('outbox-row').filter({ hasText: 'BDE SCIENCES PO AIX' });
    await expect.poll(async () => textOf(bde.getByTestId('outbox-state')), { timeout: 20_000 }).toBe('Nouvel essai prévu');
    await bde.getByRole('button', { name: 'Annuler l’envoi à BDE SCIENCES PO AIX' }).click();
    await expect.poll(() => statesShown(page), { timeout: 10_000 }).toEqual(['Annulé', 'Annulé', 'Annulé']);
    await screenshot(page, '33-outbox-cancelled');

    await page.goto(`${baseUrl}/#/relances/vip`);
    await page.getByTestId('batch-item').first().waitFor();
    expect((await page.locator('[data-testid=batch-item] h2').allInnerTexts()).sort()).toEqual(VIP);
    await page.goto(`${baseUrl}/#/`);
    await page.getByRole('heading', { level: 2, name: /VIP/ }).first().waitFor();
    expect(await page.getByTestId('outbox-panel').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  it('the outbox page fits 375 px', async () => {
    const { context, page: p } = await openContext(browser, PHONE);
    await signIn(p, baseUrl);
    await p.goto(`${baseUrl}/#/relances/envois`);
    await p.getByTestId('outbox-row').first().waitFor();
    await screenshot(p, '32-outbox');
    await viewShot(p, '32-outbox');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoSeriousAxeViolations(p, 'outbox page at 375 px');
    await context.close();
  });
});
