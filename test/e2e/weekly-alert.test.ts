/**
 * Issue 14's weekly alert in the product, on the demo data loaded by crm.test.ts: the CRM page's
 * panel says what this week's e-mail holds; the owner turns it on in the settings (react-hook-form
 * with the contract's zod schema), and the panel then says when it goes.
 */
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, sharedBrowser, openContext, screenshot, textOf } from './support/browser';
import { OWNER, signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();

describe('the weekly alert in the product', () => {
  it('the owner turns the alert on in the settings, refused an invalid address', async () => {
    const { page } = await openContext(browser(), DESKTOP);
    await signIn(page, baseUrl);
    await page.goto(`${baseUrl}/#/settings`);
    const form = page.getByRole('form', { name: 'Alerte hebdomadaire par e-mail' });
    await form.waitFor();
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel('Adresse qui reçoit l’alerte').fill('pas-une-adresse');
    await form.getByRole('button', { name: 'Enregistrer l’alerte' }).click();
    await form.getByRole('alert').getByText('Adresse e-mail invalide.').waitFor();
    await form.getByLabel('Adresse qui reçoit l’alerte').fill(OWNER.email);
    await form.getByLabel('Jour').selectOption({ label: 'mardi' });
    await form.getByLabel('Heure').selectOption({ label: '09:00' });
    await form.getByRole('button', { name: 'Enregistrer l’alerte' }).click();
    await form.getByText('Alerte enregistrée : elle partira chaque mardi à 09:00.').waitFor();
    await viewShot(page, '14-alert-settings');
    await expectNoSeriousAxeViolations(page, 'settings with the weekly alert');
    expect(errorsOf(page)).toEqual([]);
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`the CRM page’s panel says what this week’s alert holds and when it goes (${viewport.width} px)`, async () => {
      const { page } = await openContext(browser(), viewport);
      await signIn(page, baseUrl);
      const panel = page.getByTestId('alert-panel');
      await panel.getByText('7 clients à relancer cette semaine').waitFor();
      await panel.scrollIntoViewIfNeeded();
      const text = await textOf(panel);
      expect(text).toContain('BAR DU PORT MARTIGUES — priorité 169, potentiel 770 €');
      expect(text).toContain('… et 2 autres.');
      expect(text).toMatch(/Envoyée par e-mail à camille@example\.fr : prochain envoi le mardi \d+ [a-zé.]+ \d{4} à 09:00\./);
      expect(await panel.getByRole('link', { name: /BAR DU PORT MARTIGUES/ }).getAttribute('href')).toMatch(/^#\/clients\/\d+$/);
      await viewShot(page, '14-alert-panel');
      if (viewport === DESKTOP) await screenshot(page, '14-crm-with-alert');
      await expectNoSeriousAxeViolations(page, 'CRM page with the alert panel');
      expect(errorsOf(page)).toEqual([]);
    });
  }
});
