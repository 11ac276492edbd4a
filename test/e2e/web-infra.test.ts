/**
 * The web app's plumbing (issue 8, issue 11 point 10): a route that throws shows its message and
 * « Réessayer » recovers it; nothing is asked of the server after « Se déconnecter », not even by a
 * request that was in flight; the mail settings form checks its fields in words of the catalogue and
 * « Supprimer les réglages d'envoi » empties it. Runs after crm.test.ts (the owner and the demo data).
 */
import type { Request, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiFromPage } from './support/api';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, sharedBrowser, openContext, screenshot } from './support/browser';
import { signIn } from './support/session';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();

const ROUTE_ERROR = 'Cette page n’a pas pu s’afficher';

describe('the web app’s plumbing', () => {
  it('a page whose answer does not match the contract shows its error, and « Réessayer » recovers it', async () => {
    const { page } = await openContext(browser(), DESKTOP);
    await signIn(page, baseUrl);
    // The clients list answers something that is not a list of clients, until the test lets it through.
    let malformed = true;
    await page.route('**/api/clients?*', (route: Route) =>
      malformed ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"unexpected":true}' }) : route.continue(),
    );
    await page.goto(`${baseUrl}/#/clients`);
    await page.getByRole('alert').getByText(ROUTE_ERROR).waitFor();
    // The rest of the app still works: the navigation is there.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'CRM' }).waitFor();
    await screenshot(page, '30-route-error');
    malformed = false;
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.getByRole('link', { name: 'BAR DU PORT MARTIGUES' }).first().waitFor();
    expect(await page.getByText(ROUTE_ERROR).count()).toBe(0);
    await page.context().close();
  });

  it('no request leaves after « Se déconnecter », and none answers 401', async () => {
    const { page } = await openContext(browser(), DESKTOP);
    // The CRM's overview is held in flight until the sign-out has been sent: an app that did not
    // abort it would receive a 401 for it afterwards.
    let signedOut: () => void = () => undefined;
    const afterSignOut = new Promise<void>((resolve) => (signedOut = resolve));
    await page.route('**/api/overview', async (route: Route) => {
      await afterSignOut;
      await route.continue().catch(() => undefined);
    });
    const after: string[] = [];
    const unauthorised: string[] = [];
    let loggingOut = false;
    page.on('request', (r: Request) => {
      if (!r.url().includes('/api/') && !r.url().includes('/calendar/')) return;
      if (r.url().endsWith('/api/auth/logout')) {
        loggingOut = true;
        signedOut();
      } else if (loggingOut) after.push(`${r.method()} ${r.url()}`);
    });
    page.on('response', (r) => {
      // Before signing in, /api/me answers 401: that is how the app learns it is signed out.
      if (loggingOut && r.status() === 401) unauthorised.push(r.url());
    });
    await signIn(page, baseUrl);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(after).toEqual([]);
    expect(unauthorised).toEqual([]);
    // The next session starts clean and works: the overview shows once it is let through.
    await page.unroute('**/api/overview');
    await signIn(page, baseUrl);
    await page.locator('#section-vip [data-testid=client-card]').first().waitFor();
    await page.context().close();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`the mail settings form words its errors, and « Supprimer les réglages d’envoi » empties it (${viewport.width} px)`, async () => {
      const { page } = await openContext(browser(), viewport);
      await signIn(page, baseUrl);
      expect(
        (
          await apiFromPage(page, 'PUT', '/api/mail-settings', {
            host: '127.0.0.1',
            port: 2525,
            secure: false,
            fromName: 'DJ Camille',
            fromAddress: 'camille@example.fr',
          })
        ).status,
      ).toBe(200);
      await page.goto(`${baseUrl}/#/settings?section=mail`);
      // The settings page has other forms (the inbox's has a « Port » too): this one only.
      const form = page.getByRole('form', { name: 'Envoi des e-mails (SMTP)' });
      const host = form.getByLabel('Serveur SMTP');
      await host.waitFor();
      expect(await host.inputValue()).toBe('127.0.0.1');

      await host.fill('');
      await form.getByLabel('Port', { exact: true }).fill('70000');
      await form.getByLabel('Adresse de l’expéditeur').fill('pas-une-adresse');
      await form.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
      await form.getByText('Ce champ est obligatoire.').waitFor();
      await form.getByText('Entrez un nombre entier dans les limites indiquées.').waitFor();
      await form.getByText('Adresse e-mail invalide.').waitFor();
      expect(await host.getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousAxeViolations(page, `mail settings with errors at ${viewport.width} px`);
      await form.screenshot({ path: `screenshots/31-mail-settings-errors-${viewport === PHONE ? 'phone' : 'desktop'}.png` });
      // Nothing was sent to the server: it still has the saved host.
      expect(await apiFromPage(page, 'GET', '/api/mail-settings')).toMatchObject({ json: { host: '127.0.0.1' } });

      await page.getByRole('button', { name: 'Supprimer les réglages d’envoi' }).click();
      await page.getByRole('button', { name: 'Confirmer : supprimer le serveur d’envoi et son mot de passe' }).click();
      await page.getByRole('button', { name: 'Supprimer les réglages d’envoi' }).waitFor({ state: 'detached' });
      expect(await form.getByLabel('Serveur SMTP').inputValue()).toBe('');
      expect(await apiFromPage(page, 'GET', '/api/mail-settings')).toMatchObject({ json: { configured: false } });
      await screenshot(page, '31-mail-settings-removed');
      expect(errorsOf(page)).toEqual([]);
      await page.context().close();
    });
  }
});
