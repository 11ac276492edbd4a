/**
 * Roles in the browser (issue 9): a member, added with `djbooker users add` to the owner's
 * workspace (made by crm.test.ts), reads the settings but cannot change them, sending or the
 * templates; the owner still can. Runs after the other files: it signs a member in.
 */
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, launchBrowser, openContext, screenshot } from './support/browser';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const MEMBER = { name: 'Sam Assistant', email: 'sam@example.fr', password: 'assistant-platines-2026' };
let browser: Browser;

async function signInAs(p: Page, who: { email: string; password: string }): Promise<void> {
  await p.goto(`${baseUrl}/`);
  await p.getByLabel('E-mail').fill(who.email);
  await p.getByLabel('Mot de passe').fill(who.password);
  await p.getByRole('button', { name: 'Se connecter' }).click();
  await p.getByRole('heading', { level: 1, name: 'CRM' }).waitFor();
}

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, DJBOOKER_PASSWORD: MEMBER.password };
  delete env.DATABASE_URL;
  const added = spawnSync(
    'node',
    [
      'bin/djbooker.js',
      'users',
      'add',
      '--email',
      MEMBER.email,
      '--name',
      MEMBER.name,
      '--workspace',
      'default',
      '--data-dir',
      dataDir,
      '--json',
    ],
    { env, encoding: 'utf8' },
  );
  expect(added.status, added.stderr).toBe(0);
  expect(JSON.parse(added.stdout)).toMatchObject({ user: { role: 'member' }, createdWorkspace: false });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('roles in the web app', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`a member reads the settings without the means to change them (${viewport.width} px)`, async () => {
      const { page } = await openContext(browser, viewport);
      await signInAs(page, MEMBER);
      await page.goto(`${baseUrl}/#/settings`);
      await page.getByText('Vous êtes membre de cet espace').waitFor();
      // The reference date and thresholds are shown, greyed out, with no save button.
      expect(await page.getByLabel('VIP : au moins N prestations').isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
      // No SMTP form, no weekly alert, no inbox and no template editor: they are the owner's.
      expect(await page.getByLabel('Serveur SMTP').count()).toBe(0);
      expect(await page.getByText("Réservé au propriétaire de l'espace.").count()).toBe(4);
      await expectNoSeriousAxeViolations(page, `settings as a member at ${viewport.width} px`);
      await screenshot(page, '13-settings-member');
      await viewShot(page, '13-settings-member-top');
      // The member still works with the clients: the CRM is there.
      await page.goto(`${baseUrl}/#/clients`);
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
      expect(errorsOf(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('the owner still has every setting, sending and the templates', async () => {
    const { page } = await openContext(browser, DESKTOP);
    await signIn(page, baseUrl);
    await page.goto(`${baseUrl}/#/settings`);
    await page.getByRole('heading', { level: 2, name: 'Modèles d’e-mails' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).first().waitFor();
    expect(await page.getByText('Vous êtes membre de cet espace').count()).toBe(0);
    expect(await page.getByLabel('VIP : au moins N prestations').isDisabled()).toBe(false);
    await screenshot(page, '13-settings-owner');
    // Without PUBLIC_URL, the calendar panel gives the address the app is open at, and says why a phone needs more.
    await page.goto(`${baseUrl}/#/agenda`);
    await page.getByText('Un téléphone ne peut s’y abonner').or(page.getByText("Un téléphone ne peut s'y abonner")).first().waitFor();
    expect(await page.getByLabel('Adresse du flux iCalendar').inputValue()).toMatch(
      new RegExp(`^${baseUrl.replace(/[.]/g, '\\.')}/calendar/[\\w-]+\\.ics$`),
    );
    await page.getByRole('heading', { level: 2, name: 'Calendrier sur votre téléphone' }).scrollIntoViewIfNeeded();
    await viewShot(page, '13-agenda-calendar');
    await page.context().close();
  });
});
