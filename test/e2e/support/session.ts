import type { Page } from 'playwright-core';

/** The owner account crm.test.ts creates on first start; the later files sign in with it. */
export const OWNER = { name: 'Camille Martin', email: 'camille@example.fr', password: 'platines-2026!' };

export async function signIn(p: Page, baseUrl: string): Promise<void> {
  await p.goto(`${baseUrl}/`);
  await p.getByLabel('E-mail').fill(OWNER.email);
  await p.getByLabel('Mot de passe').fill(OWNER.password);
  await p.getByRole('button', { name: 'Se connecter' }).click();
  await p.getByRole('heading', { level: 1, name: 'CRM' }).waitFor();
}

/** A viewport-sized screenshot (what the user sees first), beside the full-page ones. */
export async function viewShot(p: Page, name: string): Promise<void> {
  const width = p.viewportSize()?.width ?? 0;
  await p.screenshot({ path: `screenshots/${name}-${width <= 400 ? 'phone' : 'desktop'}.png` });
}
