/** Debian's Chromium through playwright-core (never a downloaded browser), axe, and screenshots. */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One Chromium for a test file: launched before its tests, closed after them. Call it at the top of the file. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll: use it inside a test');
    return browser;
  };
}

/** axe needs a page from a context (not browser.newPage()). */
export async function openContext(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  // Any error the page logs fails the test that caused it.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[19]/.test(m.text())) errors.push(m.text());
  });
  pageErrors.set(page, errors);
  return { context, page };
}

const pageErrors = new WeakMap<Page, string[]>();

export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** Intl writes narrow no-break spaces in `48 752 €`: compare with every space made plain. */
export function normalise(text: string | null): string {
  return (text ?? '').replace(/[\s\u00A0\u202F]+/g, ' ').trim();
}

/** The text as shown (innerText: blocks apart), spaces normalised. */
export async function textOf(locator: Locator): Promise<string> {
  return normalise(await locator.innerText());
}

/** axe on the page, or only on what changed (`within`: a dialog, a panel) to keep each run short on a busy machine. */
export async function expectNoSeriousAxeViolations(page: Page, what: string, within?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** Full-page screenshots into screenshots/ (git-ignored), to be looked at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('screenshots', { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: `screenshots/${name}-${width <= 400 ? 'phone' : 'desktop'}.png`, fullPage: true });
}
