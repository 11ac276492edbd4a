/**
 * Issue 14's workspace import from the web, on the demo data loaded by crm.test.ts: the clients
 * page's upload refuses, clearly, to import into a workspace that already holds clients (the
 * success path is tested through the API in src/server/workspace-import.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, launchBrowser, openContext } from './support/browser';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
let browser: Browser;
const file = join(mkdtempSync(join(tmpdir(), 'djbooker-e2e-wsimport-')), 'espace.json');

beforeAll(async () => {
  browser = await launchBrowser();
  writeFileSync(file, JSON.stringify({ format: 'djbooker-workspace', version: 1 }));
});

afterAll(async () => {
  await browser?.close();
});

describe('workspace import in the product', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`refuses, clearly, a workspace that is not empty (${viewport.width} px)`, async () => {
      const { page } = await openContext(browser, viewport);
      await signIn(page, baseUrl);
      await page.goto(`${baseUrl}/#/clients`);
      const form = page.getByRole('form', { name: 'Importer un espace de travail' });
      await form.waitFor();
      await form.scrollIntoViewIfNeeded();
      await form.getByLabel('Fichier JSON de l’espace de travail').setInputFiles(file);
      await form.getByRole('button', { name: 'Importer' }).click();
      await form
        .getByRole('alert')
        .getByText('Import refusé : cet espace de travail contient déjà des clients.', { exact: false })
        .waitFor();
      await viewShot(page, '14-workspace-import');
      await expectNoSeriousAxeViolations(page, 'clients page with the workspace import');
      expect(errorsOf(page)).toEqual([]);
    });
  }
});
