/**
 * Issue 14 in the product, on the demo data loaded by crm.test.ts: « Exporter en PDF » on the CRM
 * page and the clients page's downloads give real files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, errorsOf, expectNoSeriousAxeViolations, sharedBrowser, openContext } from './support/browser';
import { signIn, viewShot } from './support/session';

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'djbooker-e2e-exports-'));
const browser = sharedBrowser();

async function download(page: Page, name: string, file: string): Promise<string> {
  const [event] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = join(dir, file);
  await event.saveAs(path);
  return event.suggestedFilename();
}

describe('exports in the product', () => {
  it('« Exporter en PDF » on the CRM page downloads the report with the demo’s figures', async () => {
    const { page } = await openContext(browser(), DESKTOP);
    await signIn(page, baseUrl);
    const link = page.getByRole('link', { name: 'Exporter en PDF' });
    await link.scrollIntoViewIfNeeded();
    expect(await download(page, 'Exporter en PDF', 'report.pdf')).toBe('rapport-2026-01-14.pdf');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/[\u202F\u00A0]/g, ' ');
    expect(text).toContain('Date de référence : 14 janv. 2026');
    expect(text).toMatch(/Page 1 \/ \d/);
    expect(text).toContain('BAR DU PORT MARTIGUES');
    expect(errorsOf(page)).toEqual([]);
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`the clients page offers the CSV and JSON downloads (${viewport.width} px)`, async () => {
      const { page } = await openContext(browser(), viewport);
      await signIn(page, baseUrl);
      await page.goto(`${baseUrl}/#/clients`);
      const heading = page.getByRole('heading', { level: 2, name: 'Exporter mes données' });
      await heading.waitFor();
      await heading.scrollIntoViewIfNeeded();
      await viewShot(page, '14-exports');
      await expectNoSeriousAxeViolations(page, 'clients page with exports');
      if (viewport === DESKTOP) {
        expect(await download(page, 'Clients (CSV pour Excel)', 'clients.csv')).toBe('clients-2026-01-14.csv');
        const csv = readFileSync(join(dir, 'clients.csv'), 'utf8');
        expect(csv.startsWith('\uFEFF"Nom du client";"Contact";')).toBe(true);
        expect(csv).toContain('"ISTRES PROVENCE HANDBALL"');
        expect(await download(page, 'Tout l’espace de travail (JSON)', 'workspace.json')).toBe('espace-de-travail-2026-01-14.json');
        expect(JSON.parse(readFileSync(join(dir, 'workspace.json'), 'utf8'))).toMatchObject({ format: 'djbooker-workspace', version: 1 });
      }
      expect(errorsOf(page)).toEqual([]);
    });
  }
});
