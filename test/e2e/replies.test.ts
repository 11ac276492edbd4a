/**
 * Issue 16 in the product: the owner connects a mailbox (a real dovecot on loopback) in Réglages →
 * Boîte de réception; a client answers a confirmed follow-up; the server's watcher reads it (IDLE),
 * the client's page shows it as a probable reply, and the demo's « Taux de réactivation » moves.
 * « Ce n’est pas une réponse » puts it back. At 1280 and 375 px, with axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestImap, type TestImap } from '../support/imap';
import { rawMail } from '../support/replies';
import { waitUntil } from '../support/wait';
import { apiFromPage } from './support/api';
import { DESKTOP, PHONE, expectNoSeriousAxeViolations, launchBrowser, openContext, screenshot, textOf } from './support/browser';
import { addDays, todayInParis } from './support/dates';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const CLIENT = 'LE SPOT MIRAMAS';
const ADDRESS = 'contact@le-spot-miramas.example';
let browser: Browser;
let page: Page;
let imap: TestImap;
let clientId: number;
const today = todayInParis();
const PERIOD = `#/tableau-de-bord?period=custom&from=${addDays(today, -30)}&to=${today}`;

beforeAll(async () => {
  imap = await startTestImap();
  browser = await launchBrowser();
  ({ page } = await openContext(browser, DESKTOP));
  await signIn(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await imap?.close();
});

async function reactivationRate(p: Page): Promise<string> {
  await p.goto(`${baseUrl}/${PERIOD}`);
  const kpis = p.locator('section', { has: p.getByRole('heading', { name: 'Indicateurs clés' }) });
  const rate = kpis.locator('li.kpi', { hasText: 'Taux de réactivation' });
  await rate.waitFor();
  return textOf(rate);
}

describe('replies read from the mailbox', () => {
  it('connects the mailbox from the settings (tested, state shown), at 1280 and 375 px', async () => {
    await page.goto(`${baseUrl}/#/settings`);
    const form = page.getByRole('form', { name: 'Boîte de réception (réponses des clients)' });
    await form.getByLabel('Serveur IMAP').fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(imap.port));
    await form.getByLabel(/Connexion chiffrée dès le départ/).uncheck();
    await form.getByLabel('Identifiant', { exact: true }).fill(imap.user);
    await form.getByLabel('Mot de passe', { exact: true }).fill(imap.pass);
    await form.getByRole('button', { name: 'Enregistrer la boîte de réception' }).click();
    await form.getByRole('status').filter({ hasText: 'Boîte de réception enregistrée' }).waitFor();
    await form.getByRole('button', { name: 'Tester' }).click();
    await form.getByText(/Connexion réussie : le dossier INBOX contient 0 message/).waitFor();
    await expectNoSeriousAxeViolations(page, 'settings with the inbox');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'inbox-settings');
    const { page: phone } = await openContext(browser, PHONE);
    await signIn(phone, baseUrl);
    await phone.goto(`${baseUrl}/#/settings`);
    await phone.getByRole('form', { name: 'Boîte de réception (réponses des clients)' }).scrollIntoViewIfNeeded();
    await viewShot(phone, 'inbox-settings');
    await phone.context().close();
  });

  it('moves the « Taux de réactivation » when the client answers a follow-up, and back when undone', async () => {
    const clients = await apiFromPage(page, 'GET', `/api/clients?q=${encodeURIComponent(CLIENT)}&limit=5`);
    clientId = (clients.json as { clients: { id: number; name: string }[] }).clients.find((c) => c.name === CLIENT)!.id;
    const recorded = await apiFromPage(page, 'POST', '/api/follow-ups', {
      clientId,
      channel: 'copied',
      subject: 'Une date cet été ?',
      body: 'Bonjour !',
      force: true,
    });
    expect(recorded.status).toBe(201);
    const followUpId = (recorded.json as { followUp: { id: number } }).followUp.id;
    expect((await apiFromPage(page, 'POST', `/api/follow-ups/${followUpId}/confirm`, {})).status).toBe(200);

    const before = await reactivationRate(page);
    const date = new Date().toUTCString().replace('GMT', '+0000');
    await imap.deliver(
      rawMail(
        {
          From: `Le Spot <${ADDRESS}>`,
          To: 'camille@example.fr',
          Subject: 'Re: Une date cet été ?',
          Date: date,
          'Message-ID': '<e2e-reply@le-spot.example>',
        },
        'Bonjour Camille,\nOui pour le 20 juin !',
      ),
    );

    // The watcher (IDLE) reads it within seconds: the client's page shows it.
    await page.goto(`${baseUrl}/#/clients/${clientId}`);
    const replies = page.getByRole('region', { name: 'Messages reçus de ce client' });
    // The page reads its replies once: read it again until the section shows (each look bounded).
    await waitUntil('the reply on the client page', async () => {
      if (
        await replies.waitFor({ timeout: 2_000 }).then(
          () => true,
          () => false,
        )
      )
        return true;
      await page.reload();
      return false;
    });
    await replies.getByText('Oui pour le 20 juin !', { exact: false }).waitFor();
    expect(await textOf(replies)).toContain('probable (même adresse, moins de 60 jours après la relance)');
    await expectNoSeriousAxeViolations(page, 'client page with a reply');
    await replies.scrollIntoViewIfNeeded();
    await viewShot(page, 'client-reply');

    // The dashboard shows its cached figures at once, then the ones read again: wait for those.
    await expect.poll(() => reactivationRate(page), { timeout: 30_000 }).not.toBe(before);

    await page.goto(`${baseUrl}/#/clients/${clientId}`);
    await page.getByRole('button', { name: 'Ce n’est pas une réponse' }).click();
    await page.getByText('(annulé : la relance a repris son résultat)').waitFor();
    await expect.poll(() => reactivationRate(page), { timeout: 30_000 }).toBe(before);
  });

  it('says why the mailbox cannot be read in the DJ’s words, in French and in English, with the technical text after', async () => {
    await imap.stop();
    try {
      await page.goto(`${baseUrl}/#/settings`);
      const form = page.getByRole('form', { name: 'Boîte de réception (réponses des clients)' });
      await form.getByRole('button', { name: 'Tester' }).click();
      const failed = form.getByText('La connexion a échoué : le serveur refuse la connexion (serveur arrêté, ou mauvais port)', {
        exact: true,
      });
      await failed.waitFor();
      // The server's own text is one click away, as for sending.
      await form.getByRole('status').getByText('Détail technique').click();
      await form
        .getByRole('status')
        .getByText(/ECONNREFUSED/)
        .waitFor();
      await form.scrollIntoViewIfNeeded();
      await screenshot(page, 'inbox-test-failed');
      await page.getByRole('button', { name: 'English' }).click();
      const inbox = page.getByRole('form', { name: 'Inbox (clients’ replies)' });
      await inbox.getByRole('button', { name: 'Test', exact: true }).click();
      await inbox.getByText('Connection failed: the server refuses the connection (server down, or wrong port)', { exact: true }).waitFor();
      await inbox.getByRole('status').getByText('Technical detail').waitFor();
      expect(await textOf(inbox)).not.toContain('refuse la connexion');
      await expectNoSeriousAxeViolations(page, 'inbox test failed, in English');
      await screenshot(page, 'inbox-test-failed-en');
      const desktop = page.viewportSize();
      await page.setViewportSize(PHONE);
      await inbox.getByRole('status').scrollIntoViewIfNeeded();
      await viewShot(page, 'inbox-test-failed-en');
      if (desktop) await page.setViewportSize(desktop);
    } finally {
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('button', { name: 'English' }).waitFor();
      await imap.start();
    }
  });
});
