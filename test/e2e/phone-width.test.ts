/**
 * Issue 11, point 5 (first part): no page pans sideways on a phone, at 320 and 375 px (the VIP
 * badge's hidden tooltip made the CRM 514 px wide). Read only, on the demo data of crm.test.ts.
 */
import { describe, expect, inject, it } from 'vitest';
import { sharedBrowser, openContext } from './support/browser';
import { signIn } from './support/session';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();

const PAGES: { hash: string; ready: string }[] = [
  { hash: '#/', ready: '#section-vip [data-testid=client-card]' },
  { hash: '#/clients', ready: 'h1' },
  { hash: '#/agenda', ready: 'h1' },
  { hash: '#/settings', ready: 'h1' },
  { hash: '#/relances/vip', ready: '[data-testid=batch-count]' },
  { hash: '#/relances/envois', ready: '[data-testid=outbox-counts]' },
];

describe('no horizontal scroll on a phone', () => {
  for (const width of [320, 375]) {
    it(`every page fits ${width} px`, async () => {
      const { context, page } = await openContext(browser(), { width, height: 800 });
      await signIn(page, baseUrl);
      const wide: string[] = [];
      for (const p of PAGES) {
        await page.goto(`${baseUrl}/${p.hash}`);
        await page.locator(p.ready).first().waitFor();
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) wide.push(`${p.hash}: ${scrollWidth} px`);
      }
      // A client's page too (the first VIP of the CRM).
      await page.goto(`${baseUrl}/#/`);
      await page.locator('#section-vip [data-testid=client-card] h3 a').first().click();
      await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
      const clientWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (clientWidth > width) wide.push(`client page: ${clientWidth} px`);
      expect(wide).toEqual([]);
      await context.close();
    });
  }
});
