/** The API of docs/api.md end to end on the real databases, through `app.inject`. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { openDatabase, type Database } from '../db/connection';
import { importProgressLineSchema, NDJSON, type ImportProgress, type ImportProgressLine } from '../contracts/import-progress';
import { buildServer } from './server';
import { call, callerFrom, type Caller } from './test-client';

const expected = JSON.parse(readFileSync(new URL('../../demo/EXPECTED.json', import.meta.url), 'utf8'));
const demoFile = (name: string) => readFileSync(new URL(`../../demo/${name}`, import.meta.url));
const excelGigs = readFileSync(new URL('../../test/fixtures/csv/excel-fr-gigs.csv', import.meta.url));
const NOW = new Date('2026-01-20T10:00:00Z');

for (const engine of testEngines()) {
  describe(`API on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let app: FastifyInstance;
    let owner: Caller;

    beforeEach(async () => {
      database = await engine.open();
      app = await buildServer({ database, now: () => NOW });
      owner = callerFrom(
        await call(app, 'POST', '/api/setup', { body: { name: 'Alex', email: 'alex@example.fr', password: 'correct horse battery' } }),
      );
    });
    afterEach(async () => {
      await app.close();
      await database.cleanup();
    });

    const get = (url: string) => call(app, 'GET', url, { as: owner });
    const send = (method: string, url: string, body?: unknown) => call(app, method, url, { as: owner, body });

    async function loadDemo() {
      const r = await send('POST', '/api/demo');
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    }

    it('loads the demo into an empty workspace and gives the guide’s figures', async () => {
      expect(await loadDemo()).toMatchObject({ referenceDate: '2026-01-14', clients: { imported: 25 }, gigs: { imported: 276 } });
      expect((await send('POST', '/api/demo')).statusCode).toBe(409);
      const overview = (await get('/api/overview')).json();
      expect(overview).toEqual({
        asOf: expected.asOf,
        today: '2026-01-20',
        clients: 25,
        gigs: 276,
        revenue: 48752,
        vip: 12,
        statuses: expected.statuses,
        activeShare: { active: expected.statuses.active, withGigs: 24, ratio: expected.statuses.active / 24, objective: 0.4 },
      });
      expect((await get('/api/overview?asOf=2025-01-14')).json().asOf).toBe('2025-01-14');
      expect((await get('/api/overview?asOf=2025-02-30')).statusCode).toBe(400);
    });

    it('lists clients sorted, filtered, searched and paged', async () => {
      await loadDemo();
      const byRevenue = (await get('/api/clients?segment=vip&sort=revenue')).json();
      expect(byRevenue.total).toBe(12);
      expect(byRevenue.clients[0]).toMatchObject({
        name: 'Gergom Events',
        vip: true,
        status: 'active',
        gigs: 19,
        revenue: 16308,
        upcoming: null,
      });
      expect(byRevenue.clients[0]).toHaveProperty('contact');
      const all = (await get('/api/clients?limit=10&offset=20')).json();
      expect(all).toMatchObject({ asOf: '2026-01-14', total: 25 });
      expect(all.clients).toHaveLength(5);
      const names = (await get('/api/clients?limit=1000')).json().clients.map((c: { name: string }) => c.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
      expect((await get('/api/clients?q=ecrins')).json().clients.map((c: { name: string }) => c.name)).toEqual(['LA TAVERNE DES ÉCRINS']);
      const lapsed = (await get('/api/clients?segment=lapsed&sort=priority')).json().clients;
      expect(lapsed.slice(0, 3).every((c: { vip: boolean }) => c.vip)).toBe(true);
      expect((await get('/api/clients?sort=bogus')).json().error.code).toBe('invalid_input');
      expect((await get('/api/clients?limit=5000')).statusCode).toBe(400);
    });

    it('serves the predictions, on the client page too, and refits them after an import', async () => {
      await loadDemo();
      const f = (await get('/api/predictions')).json();
      expect(f.model).toMatchObject({ confidence: 'low', clients: 24 });
      expect(f.total).toBe(25);
      const mairie = f.clients.find((c: { name: string }) => c.name === 'MAIRIE DE FOS-SUR-MER');
      expect(mairie.seasonal).toMatchObject({ nextDate: '2026-06-21' });
      const page = (await get(`/api/clients/${mairie.id}`)).json();
      expect(page.prediction).toEqual(mairie);
      expect(page.predictionModel).toEqual(f.model);

      // Paged and filtered like the client lists, in the same order.
      const lapsed = (await get('/api/predictions?segment=lapsed&sort=priority&limit=3&offset=1')).json();
      const lapsedClients = (await get('/api/clients?segment=lapsed&sort=priority&limit=3&offset=1')).json();
      expect(lapsed.total).toBe(lapsedClients.total);
      expect(lapsed.clients.map((c: { id: number }) => c.id)).toEqual(lapsedClients.clients.map((c: { id: number }) => c.id));
      expect((await get('/api/predictions?limit=5000')).statusCode).toBe(400);

      // One more gig for this client from a file: the next answer is a new fit, not the cached one.
      const csv = Buffer.from('date,client,montant\n2026-01-05,MAIRIE DE FOS-SUR-MER,300\n');
      expect((await call(app, 'POST', '/api/imports?kind=gigs&fileName=m.csv', { as: owner, file: csv })).json().imported).toBe(1);
      const after = (await get(`/api/clients/${mairie.id}`)).json().prediction;
      expect(after.expectedGigs).not.toBe(mairie.expectedGigs);
    });

    it('shows a client page with its gigs, totals per year and notes, and edits contact details', async () => {
      await loadDemo();
      const gergom = (await get('/api/clients?q=gergom')).json().clients[0];
      const page = (await get(`/api/clients/${gergom.id}`)).json();
      expect(page.client.name).toBe('Gergom Events');
      expect(page.gigs).toHaveLength(19);
      expect(page.gigs[0].date >= page.gigs[18].date).toBe(true);
      expect(page.totalsByYear.reduce((s: number, t: { revenue: number }) => s + t.revenue, 0)).toBeCloseTo(16308, 2);
      expect(page.notes).toEqual([]);

      const added = await send('POST', `/api/clients/${gergom.id}/notes`, { text: 'Rappeler en mars' });
      expect(added.statusCode).toBe(201);
      const note = added.json().note;
      expect(note).toEqual({
        id: expect.any(Number),
        text: 'Rappeler en mars',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      });
      expect((await send('PATCH', `/api/notes/${note.id}`, { text: 'Rappeler en avril' })).json().note.text).toBe('Rappeler en avril');
      expect((await send('PATCH', `/api/notes/${note.id}`, { text: '  ' })).statusCode).toBe(400);
      expect((await get(`/api/clients/${gergom.id}`)).json().notes.map((n: { text: string }) => n.text)).toEqual(['Rappeler en avril']);
      expect((await send('DELETE', `/api/notes/${note.id}`)).statusCode).toBe(204);
      expect((await send('DELETE', `/api/notes/${note.id}`)).statusCode).toBe(404);

      const edited = await send('PATCH', `/api/clients/${gergom.id}`, { phone: '06 12 34 56 78', email: 'contact@gergom.fr', city: '' });
      expect(edited.json().client).toMatchObject({ phone: '06 12 34 56 78', email: 'contact@gergom.fr', city: null, gigs: 19 });
      expect((await send('PATCH', `/api/clients/${gergom.id}`, { email: 'pas un e-mail' })).statusCode).toBe(400);
      expect((await send('PATCH', `/api/clients/${gergom.id}`, { name: 'rooftop embrun' })).statusCode).toBe(409);
      const created = await send('POST', '/api/clients', { name: '<img src=x onerror=alert(1)>' });
      expect(created.statusCode).toBe(201);
      expect(created.json().client).toMatchObject({ name: '<img src=x onerror=alert(1)>', status: 'prospect', gigs: 0 });
      expect((await send('POST', '/api/clients', { name: 'GERGOM EVENTS' })).statusCode).toBe(409);
      expect((await get('/api/overview')).json().clients).toBe(26);
    });

    it('books gigs, keeps client totals and the overview current, warns of the same day and feeds the calendar', async () => {
      await loadDemo();
      const gergom = (await get('/api/clients?q=gergom')).json().clients[0];
      const rooftop = (await get('/api/clients?q=rooftop')).json().clients[0];
      const first = await send('POST', '/api/gigs', {
        clientId: gergom.id,
        date: '2026-02-14',
        amount: 1250.5,
        status: 'confirmed',
        type: 'Gala',
        venue: 'Salle; Istres',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ gig: { date: '2026-02-14', amount: 1250.5, status: 'confirmed', type: 'Gala' }, sameDay: [] });
      const second = (await send('POST', '/api/gigs', { clientId: rooftop.id, date: '2026-02-14', amount: 500, status: 'option' })).json();
      expect(second.sameDay).toEqual([expect.objectContaining({ clientId: gergom.id, clientName: 'Gergom Events', date: '2026-02-14' })]);
      expect((await get('/api/gigs?date=2026-02-14')).json().gigs).toHaveLength(2);
      expect((await get('/api/upcoming')).json().gigs.map((g: { clientName: string; status: string }) => [g.clientName, g.status])).toEqual(
        [
          ['Gergom Events', 'confirmed'],
          ['ROOFTOP EMBRUN', 'option'],
        ],
      );
      const listed = (await get('/api/clients?q=gergom')).json().clients[0];
      expect(listed.upcoming).toEqual({ date: '2026-02-14', status: 'confirmed' });
      expect(listed.gigs).toBe(19);

      // A done gig counts at once, in the stored totals and in the cached overview.
      const done = (await send('POST', '/api/gigs', { clientId: rooftop.id, date: '2026-01-10', amount: 300, status: 'done' })).json().gig;
      expect((await get('/api/overview')).json()).toMatchObject({ gigs: 277, revenue: 49052 });
      const row = await database.db
        .selectFrom('clients')
        .select(['gig_count', 'revenue_cents', 'last_date'])
        .where('id', '=', rooftop.id)
        .executeTakeFirstOrThrow();
      expect({ ...row, revenue_cents: Number(row.revenue_cents) }).toEqual({
        gig_count: 9,
        revenue_cents: 400_000,
        last_date: '2026-01-10',
      });
      expect((await send('PATCH', `/api/gigs/${done.id}`, { amount: 400 })).json().gig.amount).toBe(400);
      expect((await get('/api/overview')).json().revenue).toBe(49152);
      expect((await send('PATCH', `/api/gigs/${done.id}`, { clientId: 999_999 })).statusCode).toBe(404);
      expect((await send('DELETE', `/api/gigs/${done.id}`)).statusCode).toBe(204);
      expect((await get('/api/overview')).json()).toMatchObject({ gigs: 276, revenue: 48752 });
      expect((await send('POST', '/api/gigs', { clientId: gergom.id, date: '2026-02-30', amount: 1, status: 'done' })).statusCode).toBe(
        400,
      );

      // Without PUBLIC_URL only the path: the web app puts it after its own address.
      const { url, path } = (await get('/api/calendar')).json();
      expect(url).toBeNull();
      expect(path).toMatch(/^\/calendar\/[\w-]{43}\.ics$/);
      const feed = await call(app, 'GET', path);
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      expect(feed.body).toContain('DTSTART;VALUE=DATE:20260214\r\n');
      expect(feed.body).toContain('LOCATION:Salle\\; Istres\r\n');
      expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
      expect((await get('/api/calendar')).json().path).toBe(path);
      const rotated = (await send('POST', '/api/calendar/rotate')).json().path;
      expect(rotated).not.toBe(path);
      expect((await call(app, 'GET', path)).statusCode).toBe(404);
    });

    it('reads and writes settings, with the guide’s defaults and checks', async () => {
      const settings = (await get('/api/settings')).json();
      const defaults = { activeDays: 90, lapsedDays: 365, vipMinGigs: 10, vipMinRevenue: 5000, vipActiveMinGigs: 5 };
      expect(settings).toEqual({
        referenceDate: null,
        timeZone: 'Europe/Paris',
        thresholds: defaults,
        defaults,
        djName: '',
        signature: '',
        language: 'fr',
      });
      const updated = await send('PUT', '/api/settings', {
        referenceDate: '2026-01-14',
        thresholds: { vipMinRevenue: 4000 },
        djName: 'DJ Alex',
        language: 'en',
      });
      expect(updated.json()).toMatchObject({
        referenceDate: '2026-01-14',
        thresholds: { ...defaults, vipMinRevenue: 4000 },
        djName: 'DJ Alex',
        language: 'en',
      });
      expect((await send('PUT', '/api/settings', { thresholds: { activeDays: 400 } })).statusCode).toBe(400);
      const tooLong = await send('PUT', '/api/settings', { thresholds: { activeDays: 5000 } });
      expect(tooLong.statusCode).toBe(400);
      // The refusal says where and what as codes, for the web to word by field; its message is the request's language.
      expect(tooLong.json().error).toEqual({
        code: 'invalid_input',
        message: 'Donnée invalide (thresholds.activeDays) : au plus 3650.',
        details: { issues: [{ path: ['thresholds', 'activeDays'], code: 'too_big', origin: 'number', maximum: 3650 }] },
      });
      const english = await call(app, 'PUT', '/api/settings', { as: owner, lang: 'en', body: { timeZone: 'Mars/Olympus' } });
      expect(english.json().error).toMatchObject({
        code: 'invalid_input',
        message: 'Invalid input (timeZone): unknown time zone.',
        details: { issues: [{ path: ['timeZone'], code: 'custom', key: 'input.timeZone' }] },
      });
      expect((await send('PUT', '/api/settings', { timeZone: 'Mars/Olympus' })).statusCode).toBe(400);
      expect((await send('PUT', '/api/settings', { unknown: 1 })).statusCode).toBe(400);
      expect((await get('/api/overview')).json().asOf).toBe('2026-01-14');
      expect((await send('PUT', '/api/settings', { referenceDate: null })).json().referenceDate).toBeNull();
      expect((await get('/api/overview')).json().asOf).toBe('2026-01-20');
    });

    it('previews, imports, lists, exports rejections and undoes the latest import', async () => {
      const preview = await call(app, 'POST', `/api/imports/preview?kind=gigs&fileName=excel.csv`, { as: owner, file: excelGigs });
      expect(preview.statusCode, preview.body).toBe(200);
      const p = preview.json();
      expect(p).toMatchObject({
        encoding: 'Windows-1252',
        bom: false,
        delimiter: 'semicolon',
        error: null,
        mapping: { client: 'Raison sociale', date: 'Date' },
      });
      expect(p.headers[0]).toBe('Raison sociale');
      expect(p.sample[0]).toMatchObject({ client: 'BAR DU PORT MARTIGUES', date: '2022-04-02', amount: 80 });
      expect(p.fields).toContain('amount');
      expect((await get('/api/overview')).json().gigs).toBe(0);

      const missing = (
        await call(app, 'POST', '/api/imports/preview?kind=gigs', { as: owner, file: Buffer.from('Foo;Bar\n1;2\n') })
      ).json();
      expect(missing.error).toEqual({
        problem: { code: 'missing_columns', missing: ['date', 'client', 'amount'], headers: ['Foo', 'Bar'], more: 0 },
        missing: ['date', 'client', 'amount'],
      });
      // The same file imported: refused in the request's language, the fields named in it.
      const refused = await call(app, 'POST', '/api/imports?kind=gigs&fileName=x.csv', {
        as: owner,
        lang: 'en',
        file: Buffer.from('Foo;Bar\n1;2\n'),
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toBe('x.csv: Required columns not found: date, client, amount. Headers read: “Foo”, “Bar”.');
      expect(missing.headers).toEqual(['Foo', 'Bar']);
      expect((await call(app, 'POST', '/api/imports/preview?kind=gigs&map={bad', { as: owner, file: excelGigs })).statusCode).toBe(400);
      expect((await call(app, 'POST', '/api/imports?kind=gigs', { as: owner, body: { not: 'a file' } })).statusCode).toBe(400);

      const clients = (
        await call(app, 'POST', '/api/imports?kind=clients&fileName=clients_dj_clean.csv', {
          as: owner,
          file: demoFile('clients_dj_clean.csv'),
        })
      ).json();
      expect(clients).toMatchObject({ id: expect.any(Number), file: 'clients_dj_clean.csv', rows: 25, imported: 25, rejected: [] });
      const gigs = (
        await call(app, 'POST', '/api/imports?kind=gigs&fileName=prestations.csv', {
          as: owner,
          file: demoFile('prestations_dj_clean.csv'),
        })
      ).json();
      expect(gigs).toMatchObject({ imported: 276 });
      const before = (await get('/api/clients?limit=1000')).body;
      const withRejects = await call(app, 'POST', '/api/imports?kind=gigs&fileName=excel.csv', {
        as: owner,
        file: Buffer.concat([excelGigs, Buffer.from('=HYPERLINK("x");31/02/2024;Gala;;10;;;\r\n', 'latin1')]),
      });
      const report = withRejects.json();
      expect(report.rejected).toContainEqual({ line: 14, field: 'date', header: 'Date', value: '31/02/2024', code: 'date_impossible' });

      const list = (await get('/api/imports')).json().imports;
      expect(list.map((i: { id: number; undoable: boolean }) => [i.id, i.undoable])).toEqual([
        [report.id, true],
        [gigs.id, false],
        [clients.id, false],
      ]);
      const csv = await get(`/api/imports/${report.id}/rejected.csv`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('attachment');
      expect(csv.body.startsWith('\uFEFF"Ligne";"Champ";"Valeur";"Raison"\r\n')).toBe(true);
      expect(csv.body).not.toMatch(/(^|;)"?=HYPERLINK/m);
      expect(csv.body).toContain('"14";"date";"31/02/2024";"Date impossible : 31/02/2024"');
      // In the workspace's language, read away from the app.
      expect((await send('PUT', '/api/settings', { language: 'en' })).statusCode).toBe(200);
      const english = (await get(`/api/imports/${report.id}/rejected.csv`)).body;
      expect(english.startsWith('\uFEFF"Line";"Field";"Value";"Reason"\r\n')).toBe(true);
      expect(english).toContain('"14";"date";"31/02/2024";"No such date: 31/02/2024"');
      expect((await send('PUT', '/api/settings', { language: 'fr' })).statusCode).toBe(200);

      expect((await send('POST', `/api/imports/${gigs.id}/undo`)).statusCode).toBe(409);
      const undone = (await send('POST', `/api/imports/${report.id}/undo`)).json();
      expect(undone.removedGigs).toBe(report.imported);
      expect(undone.restored).toBe(report.updated);
      expect(undone.removedClients).toBe(report.createdClients.length);
      expect((await get('/api/clients?limit=1000')).body).toBe(before);
      expect((await send('POST', `/api/imports/${report.id}/undo`)).statusCode).toBe(409);
      expect((await send('POST', `/api/imports/${gigs.id}/undo`)).json()).toEqual({ removedGigs: 276, removedClients: 0, restored: 0 });
      expect((await get('/api/overview?asOf=2026-01-14')).json()).toMatchObject({ clients: 25, gigs: 0, revenue: 0 });
    });

    it('words an application error in the request’s language: English when Accept-Language asks for it, French otherwise', async () => {
      const unknownImport = (lang?: string) =>
        call(app, 'GET', '/api/imports/999999/rejected.csv', { as: owner, ...(lang ? { lang } : {}) });
      const french = await unknownImport();
      expect(french.statusCode).toBe(404);
      expect(french.json().error).toEqual({ code: 'not_found', message: 'Import introuvable.' });
      expect((await unknownImport('en')).json().error).toEqual({ code: 'not_found', message: 'Import not found.' });
      expect((await unknownImport('fr-FR,fr;q=0.9,en;q=0.8')).json().error.message).toBe('Import introuvable.');
      const unknownClient = await call(app, 'GET', '/api/clients/999999', { as: owner, lang: 'en' });
      expect(unknownClient.statusCode).toBe(404);
      expect(unknownClient.json().error).toEqual({ code: 'not_found', message: 'Client not found.' });
    });

    it('undo restores the values an import overwrote', async () => {
      await call(app, 'POST', '/api/imports?kind=clients', { as: owner, file: Buffer.from('Nom,Ville,Téléphone\nBar Alpha,Gap,0101\n') });
      const second = (
        await call(app, 'POST', '/api/imports?kind=clients', {
          as: owner,
          file: Buffer.from('Nom,Ville\nBAR ALPHA,Briançon\nBar Beta,Nice\n'),
        })
      ).json();
      expect(second).toMatchObject({ imported: 1, updated: 1 });
      expect((await send('POST', `/api/imports/${second.id}/undo`)).json()).toEqual({ removedGigs: 0, removedClients: 1, restored: 1 });
      expect(
        (await get('/api/clients')).json().clients.map((c: { name: string; city: string; phone: string }) => [c.name, c.city, c.phone]),
      ).toEqual([['Bar Alpha', 'Gap', '0101']]);
    });

    const importWithProgress = (url: string, file: Buffer) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/octet-stream', accept: NDJSON },
        payload: file,
      });
    const linesOf = (body: string): ImportProgressLine[] =>
      body
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => importProgressLineSchema.parse(JSON.parse(l)));
    const progressOf = (lines: ImportProgressLine[]): ImportProgress[] => lines.flatMap((l) => (l.type === 'progress' ? [l.progress] : []));

    // Issue 11, point 9: with Accept: application/x-ndjson, where the import stands while it runs.
    it('streams bytes read of the size, rows written, the merge, then the report', async () => {
      const clientsFile = demoFile('clients_dj_clean.csv');
      const clients = await importWithProgress('/api/imports?kind=clients&fileName=clients.csv', clientsFile);
      expect(clients.statusCode, clients.body).toBe(200);
      expect(clients.headers['content-type']).toContain(NDJSON);
      expect(linesOf(clients.body).at(-1)).toMatchObject({ type: 'report', report: { imported: 25, rows: 25 } });

      const gigsFile = demoFile('prestations_dj_clean.csv');
      const response = await importWithProgress('/api/imports?kind=gigs&fileName=prestations.csv', gigsFile);
      expect(response.statusCode, response.body).toBe(200);
      const lines = linesOf(response.body);
      const steps = progressOf(lines);
      // Phases in order, never back.
      const order = steps.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
      expect(order).toEqual(['read', 'write', 'merge']);
      const reads = steps.flatMap((p) => (p.phase === 'read' ? [p] : []));
      expect(reads.every((p) => p.total === gigsFile.length)).toBe(true);
      expect(reads.at(-1)?.bytes).toBe(gigsFile.length);
      expect(reads.map((p) => p.bytes)).toEqual([...reads.map((p) => p.bytes)].sort((a, b) => a - b));
      expect(steps.find((p) => p.phase === 'write')).toEqual({ phase: 'write', bytes: gigsFile.length, total: gigsFile.length, rows: 276 });
      expect(steps.at(-1)).toEqual({ phase: 'merge', rows: 276 });
      const last = lines.at(-1);
      expect(last).toMatchObject({ type: 'report', report: { file: 'prestations.csv', imported: 276, rows: 276, rejectedCount: 0 } });

      // The same import as without progress: written once, in the workspace's figures.
      const overview = (await call(app, 'GET', '/api/overview?asOf=2026-01-14', { as: owner })).json();
      expect(overview).toMatchObject({ clients: 25, gigs: 276, revenue: 48752 });
      const list = (await call(app, 'GET', '/api/imports', { as: owner })).json().imports;
      expect(list[0]).toMatchObject({ id: last?.type === 'report' ? last.report.id : -1, undoable: true });
    });

    it('answers an unreadable file with an ordinary error, before any progress line', async () => {
      const empty = await importWithProgress('/api/imports?kind=gigs', Buffer.from('Foo;Bar\n1;2\n'));
      expect(empty.statusCode).toBe(422);
      expect(empty.headers['content-type']).toContain('application/json');
      expect(empty.json().error.code).toBe('invalid_file');
      expect((await call(app, 'GET', '/api/overview', { as: owner })).json().gigs).toBe(0);
    });
    it('keeps a second server on the same database correct through the data version', async () => {
      await loadDemo();
      const other: Database = await openDatabase(database.options);
      const app2 = await buildServer({ database: other, now: () => NOW });
      try {
        expect((await call(app2, 'GET', '/api/overview', { as: owner })).json().gigs).toBe(276);
        const gergom = (await get('/api/clients?q=gergom')).json().clients[0];
        await send('POST', '/api/gigs', { clientId: gergom.id, date: '2026-01-12', amount: 100, status: 'done' });
        expect((await call(app2, 'GET', '/api/overview', { as: owner })).json().gigs).toBe(277);
        expect((await call(app2, 'GET', `/api/clients?q=gergom`, { as: owner })).json().clients[0].gigs).toBe(20);
      } finally {
        await app2.close();
        await other.close();
      }
    });
  });
}
