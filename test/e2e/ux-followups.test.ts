/**
 * Issue 11, points 5 (win-back cards on a phone), 6 (the import preview in French), 7 (bookings
 * and the agenda's month), 8 (words) and 9 (import progress), through the real server and
 * Chromium, on the demo data of crm.test.ts. What it adds (gigs, an import) it removes again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiFromPage } from './support/api';
import {
  DESKTOP,
  PHONE,
  errorsOf,
  expectNoSeriousAxeViolations,
  sharedBrowser,
  normalise,
  openContext,
  screenshot,
  textOf,
} from './support/browser';
import { addDays, shownDate, todayInParis } from './support/dates';
import { signIn } from './support/session';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();

async function crmHeight(p: Page): Promise<number> {
  return p.evaluate(() => document.documentElement.scrollHeight);
}

describe('the « à relancer » cards on a phone', () => {
  it('fold to one line (name, priority, potential) and open on demand, by keyboard too', async () => {
    const { context, page } = await openContext(browser(), PHONE);
    await signIn(page, baseUrl);
    const card = page.locator('#section-lapsed [data-testid=client-card]', { hasText: 'YELLOW MONKEYS' });
    await card.waitFor();
    await page.locator('#section-dormant [data-testid=client-card]').first().waitFor();
    const folded = await crmHeight(page);
    console.log(`CRM page at 375 px: ${folded} px tall with the win-back cards folded`);
    expect(await card.locator('.card-details').isVisible()).toBe(false);
    const line = await textOf(card.locator('.card-summary p'));
    expect(line).toMatch(/^Priorité \d+\/\d+ · potentiel .+ par an$/);
    const toggle = card.getByRole('button', { name: 'Détails de YELLOW MONKEYS' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await card.locator('.card-details').waitFor({ state: 'visible' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await textOf(card)).toContain('932 jours (2 ans et 6 mois)');
    await page.keyboard.press('Enter');
    await card.locator('.card-details').waitFor({ state: 'hidden' });
    // 17,056 px before the cards folded (measured on the same data).
    expect(folded).toBeLessThan(15_000);
    await expectNoSeriousAxeViolations(page, 'CRM at 375 px, cards folded');
    await screenshot(page, '30-crm-folded');
    expect(errorsOf(page)).toEqual([]);
    await context.close();

    const desktop = await openContext(browser(), DESKTOP);
    await signIn(desktop.page, baseUrl);
    const wide = desktop.page.locator('#section-lapsed [data-testid=client-card]', { hasText: 'YELLOW MONKEYS' });
    await wide.waitFor();
    // On a wide screen the cards stay whole, without the disclosure button.
    expect(await wide.locator('.card-details').isVisible()).toBe(true);
    expect(await wide.getByRole('button', { name: 'Détails de YELLOW MONKEYS' }).isVisible()).toBe(false);
    await screenshot(desktop.page, '30-crm-folded');
    await desktop.context.close();
  });
});

const PREVIEW_CSV =
  'Client;Date;Montant;Durée;Statut;Lieu\r\nZZ APERCU;12/03/2024;350;4 h;réalisée;Les Docks\r\nZZ APERCU;13/03/2024;400;1h30;confirmée;Les Docks\r\n';

describe('the import preview', () => {
  it('speaks French: headers, statuses and durations in hours', async () => {
    const { context, page } = await openContext(browser(), DESKTOP);
    await signIn(page, baseUrl);
    await page
      .getByLabel('Fichier des prestations')
      .setInputFiles({ name: 'apercu.csv', mimeType: 'text/csv', buffer: Buffer.from(PREVIEW_CSV, 'utf8') });
    const table = page.locator('.preview table');
    await table.waitFor();
    const headers = (await table.locator('thead th').allInnerTexts()).map(normalise);
    expect(headers).toEqual(expect.arrayContaining(['Ligne', 'Client', 'Date', 'Montant', 'Statut', 'Durée', 'Lieu']));
    for (const english of ['durationMinutes', 'amount', 'status', 'client', 'date', 'venue']) expect(headers).not.toContain(english);
    const first = await textOf(table.locator('tbody tr').first());
    expect(first).toContain('4 h');
    expect(first).not.toContain('240');
    expect(first).toContain('Réalisée');
    expect(first).toContain('350 €');
    expect(first).toContain('12 mars 2024');
    expect(await textOf(table.locator('tbody tr').nth(1))).toContain('1 h 30');
    expect(await textOf(page.locator('.import-step', { hasText: 'Prestations CSV' }))).toContain('Fichier choisi : « apercu.csv », 1');
    await page.locator('.import-step', { hasText: 'Prestations CSV' }).getByRole('button', { name: 'Annuler' }).click();
    await table.waitFor({ state: 'detached' });
    await context.close();
  });
});

/** Many gigs of a few clients of the distant past, so that the import runs long enough to be seen. */
function bigGigsFile(rows: number): Buffer {
  const lines = ['Client;Date;Montant;Type'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `ZZ PROGRESSION ${i % 7};${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${2000 + (i % 15)};${100 + (i % 900)};Soirée ${i}`,
    );
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

describe('import progress', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows the upload, bytes read of the size, rows written, with counts (${viewport.width} px)`, async () => {
      const { context, page } = await openContext(browser(), viewport);
      await signIn(page, baseUrl);
      const step = page.locator('.import-step', { hasText: 'Prestations CSV' });
      await step
        .getByLabel('Fichier des prestations')
        .setInputFiles({ name: 'progression.csv', mimeType: 'text/csv', buffer: bigGigsFile(12_000) });
      const run = step.getByRole('button', { name: /^Importer 12\s000 prestations$/ });
      await run.waitFor();
      // Every state the progress shows, as it shows it.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const el = document.querySelector('[data-testid=import-progress]');
          if (el) {
            const text = `${el.getAttribute('data-phase')}: ${el.textContent ?? ''}`;
            if (seen.at(-1) !== text) seen.push(text);
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/imports');
      await run.click();
      // The steps pass quickly on a small file: the observer above records them; the picture is what it catches.
      await page
        .locator('[data-testid=import-progress]')
        .first()
        .waitFor({ timeout: 5_000 })
        .then(
          () => screenshot(page, '31-import-progress'),
          () => undefined,
        );
      await step.getByText(/✅ 12\s000 prestations importées/).waitFor({ timeout: 120_000 });
      const seen = (await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).map(normalise);
      // The server tells every step, in order, with its counts…
      const lines = (await (await answer).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; progress?: { phase: string; rows?: number } });
      const told = lines.flatMap((l) => (l.progress ? [l.progress.phase] : []));
      expect([...new Set(told)]).toEqual(['read', 'write', 'merge']);
      expect(lines.find((l) => l.progress?.phase === 'merge')?.progress?.rows).toBe(12_000);
      expect(lines.at(-1)?.type).toBe('report');
      // …and the page shows what arrives, in words with counts. Steps told within one of the
      // browser's progress events show as the last of them: on a fast machine the server's steps of
      // a 12,000-row file may all pass unseen between the upload and the report.
      expect(seen.length).toBeGreaterThan(0);
      const worded: Record<string, RegExp> = {
        upload: /^upload: Envoi du fichier : [\d,]+ (octets?|ko|Mo) sur [\d,]+ (ko|Mo)$/,
        read: /^read: Vérification du fichier : [\d,]+ (octets?|ko|Mo) lus sur [\d,]+ (ko|Mo)$/,
        write: /^write: Écriture : [\d ]+ lignes? écrites? \([\d,]+ (octets?|ko|Mo) lus sur [\d,]+ (ko|Mo)\)$/,
        merge: /^merge: Enregistrement de 12 000 lignes dans votre espace…$/,
      };
      for (const s of seen) expect(s).toMatch(worded[s.split(':')[0]!] ?? /^never$/);
      expect(seen.some((s) => s.includes('Chargement'))).toBe(false);

      // The words after it: the latest import counted in one phrase, then undone with a clear question.
      await page.getByText('Dernier import : « progression.csv »').waitFor();
      expect(await textOf(page.getByText('Dernier import : « progression.csv »'))).toMatch(/ : 12 000 lignes importées$/);
      await page.getByRole('button', { name: 'Annuler le dernier import' }).click();
      await page.getByRole('button', { name: 'Oui, annuler l’import de « progression.csv »' }).click();
      await page.getByText(/Import annulé : 12\s000 prestations et 7 clients retirés/).waitFor({ timeout: 120_000 });
      expect(errorsOf(page)).toEqual([]);
      await context.close();
      // 12,000 rows written, merged, then undone, on a machine other runs share.
    }, 300_000);
  }
});

describe('bookings and the agenda', () => {
  it('asks whether a past date was played, records it as done, and warns « déjà jouée » on that day', async () => {
    const { context, page } = await openContext(browser(), DESKTOP);
    await signIn(page, baseUrl);
    const created: number[] = [];
    const past = addDays(todayInParis(), -12);
    const clients = (await apiFromPage(page, 'GET', '/api/clients?q=yellow')).json as { clients: { id: number }[] };
    const yellow = clients.clients[0]?.id ?? 0;
    await page.goto(`${baseUrl}/#/clients/${yellow}/rdv`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau RDV — YELLOW MONKEYS' }).waitFor();
    // The client's history suggests its usual type, venue and price.
    const suggestion = page.getByTestId('booking-suggestion');
    await suggestion.waitFor();
    expect(await textOf(suggestion)).toMatch(/^D’après l’historique du client : .+€/);
    await suggestion.getByRole('button', { name: 'Reprendre ces valeurs' }).click();
    expect(await page.getByLabel('Prix (€)').inputValue()).not.toBe('');
    await page.getByLabel('Date').fill(past);
    await page.getByText(`Le ${shownDate(past)} est passé : s’agit-il d’une prestation déjà jouée ?`).waitFor();
    expect(await page.getByRole('radio', { name: 'Option' }).count()).toBe(0);
    await screenshot(page, '32-booking-past');
    await page.getByRole('button', { name: 'Enregistrer la prestation jouée' }).click();
    await page.getByText('Cochez « déjà jouée » pour enregistrer une date passée, ou corrigez la date.').waitFor();
    await page.getByLabel('Oui, elle a déjà été jouée').check();
    await page.getByRole('button', { name: 'Enregistrer la prestation jouée' }).click();
    await page.getByText(/✅ RDV enregistré : .*, Réalisée,/).waitFor();
    await page.getByRole('link', { name: 'Voir la fiche client' }).click();
    await page.getByRole('heading', { level: 1, name: 'YELLOW MONKEYS' }).waitFor();
    const history = page.locator('.gig.done', { hasText: shownDate(past) });
    await history.first().waitFor();
    const detail = (await apiFromPage(page, 'GET', `/api/clients/${yellow}`)).json as {
      gigs: { id: number; date: string; status: string }[];
    };
    const played = detail.gigs.find((g) => g.date === past);
    expect(played?.status).toBe('done');
    if (played) created.push(played.id);

    // Another client that day: the gig there is said « déjà jouée », not « déjà prévue ».
    const other = (await apiFromPage(page, 'GET', '/api/clients?q=gergom')).json as { clients: { id: number }[] };
    await page.goto(`${baseUrl}/#/clients/${other.clients[0]?.id ?? 0}/rdv`);
    await page.getByLabel('Date').fill(past);
    await page.getByText(`Attention : une autre prestation a déjà été jouée le ${shownDate(past)} :`).waitFor();
    expect(await textOf(page.locator('.alert.warn', { hasText: 'YELLOW MONKEYS' }))).toContain('YELLOW MONKEYS — déjà jouée');
    // The server refuses a past date as an option.
    expect((await apiFromPage(page, 'POST', '/api/gigs', { clientId: yellow, date: past, amount: 100, status: 'option' })).status).toBe(
      400,
    );

    // Two gigs on one day to come: flagged in the month view and the list.
    const day = addDays(todayInParis(), 3);
    for (const [id, amount] of [
      [yellow, 300],
      [other.clients[0]?.id ?? 0, 500],
    ] as const) {
      const r = await apiFromPage(page, 'POST', '/api/gigs', { clientId: id, date: day, amount, status: 'confirmed' });
      expect(r.status).toBe(201);
      created.push((r.json as { gig: { id: number } }).gig.id);
    }
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`${baseUrl}/#/agenda`);
      // A fresh load: the gigs were added through the API, behind the page's cache.
      await page.reload();
      await page.getByRole('heading', { level: 2, name: /^Mois : / }).waitFor();
      if (day.slice(0, 7) !== todayInParis().slice(0, 7)) await page.getByRole('button', { name: 'Mois suivant →' }).click();
      const cell = page.locator(`td[data-date="${day}"]`);
      await cell.getByText('Double réservation').waitFor();
      expect(await textOf(cell)).toContain('YELLOW MONKEYS');
      expect(await textOf(page.getByTestId('double-bookings'))).toContain('YELLOW MONKEYS');
      await page.locator('.card.upcoming', { hasText: 'YELLOW MONKEYS' }).getByText('Double réservation ce jour-là').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectNoSeriousAxeViolations(page, `agenda month at ${viewport.width} px`);
      await screenshot(page, '33-agenda-month');
      await page.getByRole('button', { name: '← Mois précédent' }).click();
      await page.getByRole('button', { name: 'Ce mois-ci' }).waitFor();
    }
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl}/#/clients/${yellow}/rdv`);
    await page.getByTestId('booking-suggestion').waitFor();
    await expectNoSeriousAxeViolations(page, 'booking form at 375 px');
    await screenshot(page, '32-booking-past');

    for (const id of created) expect((await apiFromPage(page, 'DELETE', `/api/gigs/${id}`)).status).toBe(204);
    // The one 400 is the refusal asked for above.
    expect(errorsOf(page).filter((e) => !e.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});
