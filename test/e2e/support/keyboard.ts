import type { Page } from 'playwright-core';

/**
 * Presses Tab until the focused element's accessible text matches, as a keyboard user would;
 * fails when it is never reached.
 */
export async function tabTo(page: Page, matches: (el: { tag: string; label: string }) => boolean, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a) return { tag: '', label: '' };
      const labelled = a.id ? document.querySelector(`label[for="${CSS.escape(a.id)}"]`)?.textContent : null;
      return { tag: a.tagName.toLowerCase(), label: (a.getAttribute('aria-label') ?? labelled ?? a.textContent ?? '').trim() };
    });
    if (matches(el)) return;
  }
  throw new Error('never reached by Tab');
}
