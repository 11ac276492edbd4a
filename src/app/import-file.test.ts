/**
 * The import, end to end on the real databases: the files French DJs really have, bad rows,
 * re-imports and overlapping exports, dry runs, and a failure half-way.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { createWorkspace, getWorkspace, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError } from './errors';
import { importWarningText } from '../contracts/import-words';
import { wording } from '../contracts/messages';
import { importFile, type ImportReport } from './import-file';
import { getFollowUpDraft } from './follow-ups/drafts';
import { getOverview, listAllClients } from './portfolio';

const FIXTURES = new URL('../../test/fixtures/csv/', import.meta.url).pathname;
const DEMO = new URL('../../demo/', import.meta.url).pathname;
const ASOF = '2026-01-14';
const tmp = mkdtempSync(join(tmpdir(), 'djbooker-import-'));
let fileCount = 0;

/** Writes a file for one test; a string is written as UTF-8, a Buffer as its bytes. */
function file(content: string | Buffer, name = `f${++fileCount}.csv`): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

/** The invariant every report keeps. */
function expectBalanced(r: ImportReport): void {
  expect(r.rows).toBe(r.imported + r.updated + r.duplicates + r.rejectedCount);
  expect(r.rejected.length).toBe(Math.min(r.rejectedCount, 1000));
}

for (const engine of testEngines()) {
  describe(`importFile on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let ctx: AppContext;
    let ws: Workspace;

    beforeEach(async () => {
      db = await engine.open();
      ctx = { database: db, now: () => new Date('2026-01-14T12:00:00Z') };
      ws = await createWorkspace(db.db, 'test', ctx.now());
    });
    afterEach(async () => db.cleanup());

    const run = async (path: string, kind: 'clients' | 'gigs', extra: { overrides?: Record<string, string>; dryRun?: boolean } = {}) => {
      const r = await importFile(ctx, ws, { kind, path, overrides: extra.overrides ?? {}, dryRun: extra.dryRun ?? false });
      expectBalanced(r);
      return r;
    };
    // The portfolio is read at the workspace's current data version, as a request would.
    const current = async () => (await getWorkspace(db.db, ws.id)) ?? ws;
    const overview = async () => getOverview(ctx, await current(), ASOF);
    const byName = async () => new Map((await listAllClients(ctx, await current(), ASOF)).map((c) => [c.name, c]));

    it('reads a French Excel export (Windows-1252, ;, dd/mm/yyyy, 1 250,00 €) and matches names typed differently', async () => {
      await run(`${DEMO}clients_dj_clean.csv`, 'clients');
      const r = await run(`${FIXTURES}excel-fr-gigs.csv`, 'gigs');
      expect(r).toMatchObject({ rows: 9, imported: 5, updated: 0, duplicates: 0, createdClients: [] });
      expect(r.rejected.map((x) => [x.line, x.field, x.value])).toEqual([
        [6, 'date', '31/02/2025'],
        [7, 'amountHt', 'à voir'],
        [9, 'client', ''],
        [13, null, 'TOTAL'],
      ]);
      expect(r.rejected.map((x) => x.code)).toEqual(['date_impossible', 'amount_unreadable', 'client_missing', 'total_row']);
      // Revenue is HT; the cancelled gig counts nowhere; "pub o’connell’s  salon" is PUB O'CONNELL'S SALON.
      expect(await overview()).toMatchObject({ clients: 25, gigs: 4, revenueCents: 8000 + 125050 + 35000 + 6000 });
      const clients = await byName();
      expect(clients.get("PUB O'CONNELL'S SALON")!.segment.stats).toMatchObject({ gigs: 1, revenueCents: 35000, lastDate: '2023-03-17' });
      expect(clients.get('LA TAVERNE DES ÉCRINS')!.segment.stats.gigs).toBe(1);
      expect(clients.get('ISTRES PROVENCE HANDBALL')!.segment.stats.gigs).toBe(0);

      const again = await run(`${FIXTURES}excel-fr-gigs.csv`, 'gigs');
      expect(again).toMatchObject({ imported: 0, updated: 0, duplicates: 5 });
      expect(again.rejected).toHaveLength(4);
    });

    it('reads a Google Sheets export (month-first dates, 1,250.50) and a LibreOffice one (d/m/yy)', async () => {
      const g = await run(`${FIXTURES}google-sheets-gigs.csv`, 'gigs');
      expect(g.rejected.map((x) => [x.line, x.field])).toEqual([[6, 'date']]);
      expect(g.createdClients.sort()).toEqual(['BAR DU PORT MARTIGUES', 'Gergom Events', 'ROOFTOP EMBRUN', 'YELLOW MONKEYS']);
      const clients = await byName();
      expect(clients.get('ROOFTOP EMBRUN')!.segment.stats).toMatchObject({ revenueCents: 125050, lastDate: '2025-12-31' });
      expect(clients.get('Gergom Events')!.segment.stats).toMatchObject({ revenueCents: 153000, firstDate: '2022-05-14' });
      // "Booked" is a booking, not a realised gig: it does not count in figures.
      expect(clients.get('YELLOW MONKEYS')!.segment.status).toBe('prospect');

      const l = await run(`${FIXTURES}libreoffice-gigs.csv`, 'gigs');
      expect(l.rejected.map((x) => [x.line, x.field])).toEqual([
        [6, 'duration'],
        [7, 'status'],
      ]);
      expect(l.createdClients).toEqual(['La Taverne des Écrins']);
      const after = await byName();
      expect(after.get('Gergom Events')!.segment.stats).toMatchObject({ gigs: 2, revenueCents: 153000 + 125050 });
      expect(after.get('La Taverne des Écrins')!.segment.stats.lastDate).toBe('2023-02-03');
    });

    it('stores names that look like HTML, formulas or SQL verbatim, and rejects a client without a name', async () => {
      const r = await run(`${FIXTURES}excel-utf8-bom-clients.csv`, 'clients');
      expect(r.rejected.map((x) => [x.line, x.field])).toEqual([[8, 'name']]);
      const names = [...(await byName()).keys()];
      expect(names).toEqual(
        expect.arrayContaining(['<script>alert("dj")</script>', '=SUM(A1)', "Robert'); DROP TABLE clients;--", 'LA TAVERNE DES ÉCRINS']),
      );
      expect(r.imported).toBe(7);
      const count = await db.db
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(7);
    });

    it('warns, naming the clients, when the clients file’s statistics disagree with the gigs', async () => {
      await run(`${DEMO}prestations_dj_clean.csv`, 'gigs');
      const r = await run(`${FIXTURES}excel-utf8-bom-clients.csv`, 'clients');
      // The fixture announces 1 gig and 350 € for PUB O'CONNELL'S SALON; the demo gigs say 15 and 900 €.
      expect(r.warnings).toMatchObject([{ code: 'stats_mismatch' }]);
      const words = importWarningText(r.warnings[0]!, wording('fr'));
      expect(words).toContain("PUB O'CONNELL'S SALON (1 prestations annoncées, 15 trouvées");
      expect(words).not.toContain('Gergom');
      // The demo's own statistics agree with its gigs: no warning either way round.
      const clean = await run(`${DEMO}clients_dj_clean.csv`, 'clients');
      expect(clean.warnings).toEqual([]);
    });

    it('keeps two identical gigs on one day as two, and a second import of the file adds none', async () => {
      const twice = 'date,client,montant\n2025-06-21,Mairie,300\n2025-06-21,Mairie,300\n2025-06-22,Mairie,300\n';
      expect(await run(file(twice), 'gigs')).toMatchObject({ rows: 3, imported: 3, duplicates: 0 });
      expect(await run(file(twice), 'gigs')).toMatchObject({ rows: 3, imported: 0, duplicates: 3 });
      // A later export with a third identical gig on that day adds exactly that one.
      const thrice = twice + '2025-06-21,MAIRIE,300.00\n';
      expect(await run(file(thrice), 'gigs')).toMatchObject({ rows: 4, imported: 1, duplicates: 3 });
      expect((await overview()).gigs).toBe(4);
    });

    it('adds only the new part of an export that overlaps an earlier one', async () => {
      const lines = Array.from({ length: 15 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')};Le Bar ${i % 3};${100 + i},00`);
      await run(file(['Date;Client;Prix', ...lines.slice(0, 10)].join('\r\n')), 'gigs');
      const r = await run(file(['Date;Client;Prix', ...lines.slice(5)].join('\r\n')), 'gigs');
      expect(r).toMatchObject({ rows: 10, imported: 5, duplicates: 5 });
      expect((await overview()).gigs).toBe(15);
    });

    it('updates a gig found by its reference, and keeps the client totals current', async () => {
      await run(
        file('reference,date,client,montant,statut\nA-1,2025-05-01,Club,200,confirmée\nA-2,2025-05-02,Club,300,réalisée\n'),
        'gigs',
      );
      expect((await byName()).get('Club')!.segment.stats).toMatchObject({ gigs: 1, revenueCents: 30000 });
      const r = await run(
        file(
          'reference,date,client,montant,statut\nA-1,2025-05-01,Club,250,réalisée\nA-2,2025-05-02,Club,300,réalisée\nA-2,2025-05-02,Club,300,réalisée\n',
        ),
        'gigs',
      );
      expect(r).toMatchObject({ rows: 3, imported: 0, updated: 1, duplicates: 2 });
      expect((await byName()).get('Club')!.segment.stats).toMatchObject({ gigs: 2, revenueCents: 55000, priceMinCents: 25000 });
    });

    it('creates the clients a gigs file names, and lists them', async () => {
      await run(`${DEMO}clients_dj_clean.csv`, 'clients');
      const r = await run(
        file('date,client,montant\n2025-01-01,Nouveau Client,100\n2025-01-02,  nouveau   CLIENT ,100\n2025-01-03,Gergom Events,500\n'),
        'gigs',
      );
      expect(r.createdClients).toEqual(['Nouveau Client']);
      expect((await overview()).clients).toBe(26);
    });

    it('reports without writing on a dry run', async () => {
      const r = await run(`${DEMO}prestations_dj_clean.csv`, 'gigs', { dryRun: true });
      expect(r).toMatchObject({ id: null, dryRun: true, rows: 276, imported: 276 });
      expect(r.createdClients).toHaveLength(24);
      expect(await overview()).toMatchObject({ clients: 0, gigs: 0 });
      expect(await db.db.selectFrom('imports').selectAll().execute()).toEqual([]);
    });

    it('leaves the database as it was when the import fails half-way', async () => {
      await run(`${DEMO}clients_dj_clean.csv`, 'clients');
      // A real failure inside the merge: the database refuses one gig, after clients were created.
      if (engine.name === 'sqlite') {
        await sql`create trigger refuse before insert on gigs when new.amount_cents = 4242 begin select raise(abort, 'refused'); end`.execute(
          db.db,
        );
      } else {
        await sql`create function refuse() returns trigger language plpgsql as $$ begin
          if new.amount_cents = 4242 then raise exception 'refused'; end if; return new; end $$`.execute(db.db);
        await sql`create trigger refuse before insert on gigs for each row execute function refuse()`.execute(db.db);
      }
      const path = file('date,client,montant\n2025-01-01,Brand New,100\n2025-01-02,Gergom Events,42.42\n');
      await expect(run(path, 'gigs')).rejects.toThrow(/refused/);
      expect(await overview()).toMatchObject({ clients: 25, gigs: 0 });
      expect(await db.db.selectFrom('imports').select('kind').execute()).toEqual([{ kind: 'clients' }]);
    });

    it('says which columns are missing and which headers it saw; --map fixes it', async () => {
      const path = file('Jour;Qui;Cachet net\n14/01/2026;Le Bar;250\n');
      const error = await run(path, 'gigs').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid_file');
      expect((error as AppError).message).toMatch(/« Jour », « Qui », « Cachet net »/);
      const r = await run(path, 'gigs', { overrides: { date: 'Jour', client: 'qui', amount: 'CACHET NET' } });
      expect(r).toMatchObject({ imported: 1, createdClients: ['Le Bar'] });
    });

    it('stores backslashes, tabs and line breaks in values exactly (the bulk load escapes them)', async () => {
      const notes = 'C:\\sons\\set.m3u\tprévoir\r\nrallonge \\N';
      const csv = `date,client,montant,notes\n2025-01-01,"Back\\slash",100,"${notes}"\n`;
      expect((await run(file(csv), 'gigs')).imported).toBe(1);
      const row = await db.db
        .selectFrom('gigs')
        .innerJoin('clients', 'clients.id', 'gigs.client_id')
        .select(['clients.name', 'gigs.notes'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'Back\\slash', notes });
    });

    /** A gigs file of `rows` rows on distinct days (line n + 1 holds row n), with `broken` put on one line. */
    const gigsFile = (rows: number, brokenLine: number, broken: string) => {
      const lines = ['date;client;montant;notes'];
      for (let i = 1; i <= rows; i++) {
        lines.push(
          i + 1 === brokenLine
            ? broken
            : `${new Date(Date.UTC(2020, 0, i)).toISOString().slice(0, 10)};Client ${i % 40};${100 + i};note ${i}`,
        );
      }
      return file(lines.join('\r\n') + '\r\n');
    };
    const unclosed = (line: number) => ({ code: 'quote_unclosed', quoteLine: line, resumeLine: line + 1 });

    it('rejects the record of a quote left open to the end of a gigs file, and imports every other row', async () => {
      const r = await run(gigsFile(999, 2, '2020-01-01;"Bar du Port;150;oubli du guillemet'), 'gigs');
      expect(r).toMatchObject({ rows: 999, imported: 998, rejectedCount: 1 });
      expect(r.rejected).toEqual([
        {
          line: 2,
          field: null,
          header: null,
          value: expect.stringMatching(/^2020-01-01;Bar du Port;150;oubli/),
          ...unclosed(2),
        },
      ]);
      expect((await overview()).gigs).toBe(998);
    });

    it('rejects the record of a quote still open beyond 1 MiB in a gigs file, and imports every other row', async () => {
      // 20,000 rows (about 1.3 MB) after the quote, and a stray quote far below that would close it.
      const path = gigsFile(20_000, 3, '2020-01-02;Bar;150;"note ouverte');
      writeFileSync(path, '2099-01-01;Fin;1;fin"\r\n', { flag: 'a' });
      const r = await run(path, 'gigs');
      expect(r).toMatchObject({ rows: 20_001, imported: 20_000, rejectedCount: 1 });
      expect(r.rejected).toEqual([{ line: 3, field: null, header: null, value: expect.any(String), ...unclosed(3) }]);
      expect(r.rejected[0]!.value.length).toBeLessThanOrEqual(201);
    });

    it('rejects the record of an unclosed quote in a clients file, at the end or beyond 1 MiB, keeping every other client', async () => {
      const clients = (count: number, broken: number) =>
        [
          'nom,email,ville',
          ...Array.from({ length: count }, (_, i) =>
            i + 2 === broken ? `"Le Bar,bar@example.fr,Lyon` : `Client ${i},c${i}@example.fr,Nantes`,
          ),
        ].join('\n') + '\n';
      const atEnd = await run(file(clients(999, 4)), 'clients');
      expect(atEnd).toMatchObject({ rows: 999, imported: 998, rejectedCount: 1 });
      expect(atEnd.rejected[0]).toMatchObject({ line: 4, ...unclosed(4) });
      const longest = await db.db
        .selectFrom('clients')
        .select((eb) => eb.fn.max(eb.fn('length', ['name'])).as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(longest.n)).toBeLessThan(20);

      const beyond = await run(file(clients(40_000, 5) + 'Fin"\n'), 'clients');
      expect(beyond).toMatchObject({ rows: 40_001, rejectedCount: 1 });
      expect(beyond.rejected[0]).toMatchObject({ line: 5, ...unclosed(5) });
      expect(beyond.imported + beyond.updated + beyond.duplicates).toBe(40_000);
      // Client 0 … Client 39999 (Client 3 from the first file, Client 2 from the second) and « Fin" ».
      expect((await overview()).clients).toBe(40_001);
    });

    it('keeps the first 1,000 rejected rows by line, counts the rest, and stores no more', async () => {
      const lines = ['nom,email'];
      for (let i = 0; i < 1500; i++) lines.push(i % 2 === 0 ? `Doublon,d${i}@example.fr` : `,sans-nom${i}@example.fr`);
      const r = await run(file(lines.join('\n')), 'clients');
      expect(r).toMatchObject({ rows: 1500, imported: 1, rejectedCount: 1499 });
      expect(r.rejected).toHaveLength(1000);
      expect(r.rejected.map((x) => x.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 3));
      const stored = await db.db.selectFrom('imports').select(['rejected', 'report']).executeTakeFirstOrThrow();
      expect(stored.rejected).toBe(1499);
      expect((JSON.parse(stored.report) as { rejected: unknown[] }).rejected).toHaveLength(1000);
    });

    it('rejects a file whose header line is over 1 MiB, quoting only an excerpt', async () => {
      const error = await run(file('x'.repeat(3 * 1024 * 1024) + '\nA,B\n'), 'gigs').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe(
        'f' + fileCount + '.csv : la ligne d’en-tête est trop longue (plus de 1 Mio) : est-ce bien un fichier CSV ?',
      );
    });

    it('reads Excel’s « Texte Unicode » (UTF-16 LE with tabs) and UTF-16 BE, with or without a BOM', async () => {
      const text = 'Date\tClient\tMontant\r\n14/01/2026\tCafé des Écrins\t250\r\n15/01/2026\tL’Odéon\t1 250,50\r\n';
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le).swap16();
      const variants = [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), le, Buffer.concat([Buffer.from([0xfe, 0xff]), be]), be];
      const first = await run(file(variants[0]!), 'gigs');
      expect(first).toMatchObject({ rows: 2, imported: 2, rejectedCount: 0 });
      for (const bytes of variants.slice(1)) expect(await run(file(bytes), 'gigs')).toMatchObject({ rows: 2, imported: 0, duplicates: 2 });
      expect([...(await byName()).keys()].sort()).toEqual(['Café des Écrins', 'L’Odéon']);
    });

    it('refuses a UTF-32 file by name, in words', async () => {
      const text = 'Date;Client;Montant\n14/01/2026;Bar;250\n';
      const bytes = Buffer.from([...text].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
      const path = file(bytes, 'unicode32.csv');
      await expect(run(path, 'gigs')).rejects.toMatchObject({
        code: 'invalid_file',
        message:
          'unicode32.csv : ce fichier est en UTF-32, un encodage que l’import ne lit pas. Enregistrez-le depuis votre tableur en « CSV UTF-8 » (ou « Texte Unicode »), puis importez-le à nouveau.',
      });
    });

    it('keeps an invalid e-mail address as text, flags it, and never writes to it', async () => {
      const r = await run(file('nom,email\nLe Bar,a@x?bcc=spy@evil\nLe Club,club@example.fr\n'), 'clients');
      expect(r).toMatchObject({ imported: 2, rejectedCount: 0 });
      expect(r.warnings).toEqual([{ code: 'emails_invalid', count: 1, emails: [{ line: 2, value: 'a@x?bcc=spy@evil' }] }]);
      expect(importWarningText(r.warnings[0]!, wording('fr'))).toBe(
        '1 adresse e-mail invalide, gardée comme texte et jamais utilisée pour écrire : ligne 2 (« a@x?bcc=spy@evil »).',
      );
      const bar = (await byName()).get('Le Bar')!;
      expect(bar.email).toBe('a@x?bcc=spy@evil');
      const draft = await getFollowUpDraft(ctx, ws, bar.id, { asOf: ASOF });
      expect(draft.mailto).not.toContain('spy');
      expect(draft.mailto.startsWith('mailto:?subject=')).toBe(true);
    });

    it('rejects an empty file clearly', async () => {
      await expect(run(file(''), 'clients')).rejects.toThrow(/vide/);
    });
  });
}
