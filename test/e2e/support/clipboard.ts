import type { Browser, Page } from 'playwright-core';
import { DESKTOP, openContext } from './browser';
import { signIn } from './session';

/** A signed-in desktop page whose « Copier » buttons may write the clipboard (and the test read it). */
export async function signedInWithClipboard(browser: Browser, baseUrl: string): Promise<Page> {
  const { context, page } = await openContext(browser, DESKTOP);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await signIn(page, baseUrl);
  return page;
}
