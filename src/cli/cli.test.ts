/** The CLI contract, end to end on the real databases: the demo data gives every figure of EXPECTED.json. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliTarget, testEngines, type TestEngine } from '../../test/support/databases';
import { updateSettings } from '../app/settings';
import { resolveWorkspace } from '../app/workspace';
import { main } from './main';

const expected = JSON.parse(readFileSync(new URL('../../demo/EXPECTED.json', import.meta.url), 'utf8'));
const DEMO = new URL('../../demo/', import.meta.url).pathname;

interface Run {
  code: number;
  out: string;
  err: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: () => any;
}

async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env,
    now: () => new Date('2026-11-25T10:00:00Z'),
  });
  return { code, out, err, json: () => JSON.parse(out) };
}

describe('djbooker usage errors, before any database', () => {
  it.each([
    [['overview', '--foo'], 'option inconnue : --foo'],
    [['clients', '-s', 'lapsed'], 'option inconnue : -s'],
    [['overview', '-hx'], 'option inconnue : -x'],
    [['overview', '--as-of'], 'l’option --as-of attend une valeur'],
    [
      ['overview', '--as-of', '--json'],
      'l’option --as-of attend une valeur : « --json » commence par un tiret (si c’est la valeur, écrivez --as-of=--json)',
    ],
    [['overview', '--json=oui'], 'l’option --json ne prend pas de valeur (reçu « oui »)'],
    [
      ['clients', '--segment', 'vipp'],
      'option --segment : valeur non reconnue « vipp » (attendu : vip, active, dormant, lapsed, prospect)',
    ],
    [['clients', '--sort', 'ca'], 'option --sort : valeur non reconnue « ca » (attendu : name, gigs, revenue, last, priority)'],
    [['import', 'gigs', 'f.csv', '--map', 'montant'], 'option --map : attendu champ=En-tête'],
    [['predict', '--backtest', '--horizon-days', 'trois'], 'option --horizon-days : un nombre est attendu (reçu « trois »)'],
  ])('djbooker %j says in French which option is wrong, exit 2', async (argv, problem) => {
    const r = await cli(argv, {});
    expect(r.err).toBe(`djbooker : ${problem} (djbooker --help)\n`);
    expect(r.code).toBe(2);
  });
});

for (const engine of testEngines()) {
  describe(`djbooker CLI on ${engine.name}`, () => {
    let db: Awaited<ReturnType<TestEngine['open']>>;
    let env: NodeJS.ProcessEnv;
    let dataArgs: string[];

    beforeEach(async () => {
      db = await engine.open();
      // The CLI opens its own connection: hand it the same database.
      ({ env, args: dataArgs } = cliTarget(db.options));
    });
    afterEach(async () => db.cleanup());

    const run = (...argv: string[]) => cli([...argv, ...dataArgs], env);

    it('imports the demo files and reports every figure of EXPECTED.json', async () => {
      const clients = await run('import', 'clients', `${DEMO}clients_dj_clean.csv`, '--json');
      expect(clients.code).toBe(0);
      expect(clients.json()).toMatchObject({
        file: 'clients_dj_clean.csv',
        rows: 25,
        imported: 25,
        updated: 0,
        duplicates: 0,
        rejected: [],
      });
      const gigs = await run('import', 'prestations', `${DEMO}prestations_dj_clean.csv`, '--json');
      expect(gigs.json()).toMatchObject({
        rows: 276,
        imported: 276,
        updated: 0,
        duplicates: 0,
        rejected: [],
        createdClients: [],
        warnings: [],
      });

      const overview = (await run('overview', '--as-of', expected.asOf, '--json')).json();
      expect(overview).toEqual({
        asOf: expected.asOf,
        clients: expected.clients,
        gigs: expected.gigs,
        revenue: expected.revenue,
        vip: expected.vip,
        statuses: expected.statuses,
      });

      const list = (await run('clients', '--as-of', expected.asOf, '--json')).json();
      expect(list).toHaveLength(25);
      for (const c of list) {
        const e = expected.clientsByName[c.name];
        expect(e, c.name).toBeDefined();
        expect({
          name: c.name,
          gigs: c.gigs,
          revenue: c.revenue,
          lastDate: c.lastDate,
          daysInactive: c.daysInactive,
          status: c.status,
          vip: c.vip,
          priceMin: c.priceMin,
          priceMax: c.priceMax,
        }).toEqual(e);
      }
      const collator = new Intl.Collator('fr');
      expect(list.map((c: { name: string }) => c.name)).toEqual([...list.map((c: { name: string }) => c.name)].sort(collator.compare));

      const lapsedVip = (await run('clients', '--segment', 'lapsed', '--as-of', expected.asOf, '--json'))
        .json()
        .filter((c: { vip: boolean }) => c.vip);
      expect(lapsedVip.map((c: { name: string }) => c.name).sort()).toEqual([...expected.vipLapsed].sort());
    });

    it('`demo` loads the data set with its reference date, and loading it again adds nothing', async () => {
      const first = await run('demo', '--json');
      expect(first.code).toBe(0);
      expect(first.json()).toMatchObject({ referenceDate: '2026-01-14', clients: { imported: 25 }, gigs: { imported: 276 } });
      const again = (await run('demo', '--json')).json();
      expect(again).toMatchObject({
        clients: { imported: 0, updated: 0, duplicates: 25 },
        gigs: { imported: 0, updated: 0, duplicates: 276 },
      });
      // Without --as-of, the workspace's reference date (the demo's) applies.
      expect((await run('overview', '--json')).json()).toMatchObject({ asOf: '2026-01-14', gigs: 276, revenue: 48752, vip: 12 });
    });

    it('sorts by gigs, revenue, last gig and priority, and filters by segment', async () => {
      await run('demo');
      const names = async (...a: string[]) => (await run('clients', ...a, '--json')).json().map((c: { name: string }) => c.name);
      expect((await names('--sort', 'revenue'))[0]).toBe('Gergom Events');
      expect((await names('--sort', 'gigs'))[0]).toBe('LE SPOT MIRAMAS');
      expect((await names('--sort', 'last'))[0]).toBe('LE SPOT MIRAMAS');
      expect((await names('--sort', 'last')).at(-1)).toBe('FESTIVAL ALPES SOUND');
      const vip = await names('--segment', 'vip');
      expect(vip).toHaveLength(12);
      const priority = (await run('clients', '--segment', 'lapsed', '--sort', 'priority', '--json')).json();
      // VIP first among the clients to win back, each with the terms of its score.
      expect(priority.slice(0, 3).every((c: { vip: boolean }) => c.vip)).toBe(true);
      expect(priority.slice(3).some((c: { vip: boolean }) => c.vip)).toBe(false);
      for (const c of priority) {
        const sum = c.priorityTerms.reduce((s: number, t: { points: number }) => s + t.points, 0);
        expect(c.priority).toBeCloseTo(sum, 6);
        expect(c.potential).toBeGreaterThan(0);
      }
      const prospect = (await run('clients', '--segment', 'prospect', '--json')).json();
      expect(prospect).toEqual([
        expect.objectContaining({
          name: 'FESTIVAL ALPES SOUND',
          status: 'prospect',
          vip: false,
          vipReasons: [],
          gigs: 0,
          revenue: 0,
          firstDate: null,
          lastDate: null,
          daysInactive: null,
          priceMin: null,
          priceMax: null,
          priority: null,
          potential: null,
        }),
      ]);
    });

    it('answers a reference date in the past from the gigs themselves', async () => {
      await run('demo');
      const asOf = '2025-01-14';
      const rows = readFileSync(`${DEMO}prestations_dj_clean.csv`, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      const before = rows.filter((r) => r[1]! <= asOf);
      const overview = (await run('overview', '--as-of', asOf, '--json')).json();
      expect(overview.gigs).toBe(before.length);
      expect(overview.revenue).toBeCloseTo(
        before.reduce((s, r) => s + Number(r[6]), 0),
        2,
      );
      const list = (await run('clients', '--as-of', asOf, '--json')).json();
      const yellow = list.find((c: { name: string }) => c.name === 'YELLOW MONKEYS');
      expect(yellow).toMatchObject({ lastDate: '2023-06-27', daysInactive: 567, status: 'lapsed' });
      const rooftop = list.find((c: { name: string }) => c.name === 'ROOFTOP EMBRUN');
      expect(rooftop).toMatchObject({ gigs: 0, status: 'prospect' });
    });

    it('`predict --json` gives each client its probability, expectations and seasonal date', async () => {
      await run('demo');
      const p = (await run('predict', '--json')).json();
      expect(p.asOf).toBe('2026-01-14');
      expect(p.model).toMatchObject({ confidence: 'low', clients: 24 });
      expect(p.clients).toHaveLength(25);
      expect(Object.keys(p.clients[0]).sort()).toEqual([
        'basis',
        'confidence',
        'expectedGigAmount',
        'expectedGigs',
        'expectedRevenue',
        'explanation',
        'id',
        'name',
        'pAlive',
        'revenueIfWonBack',
        'seasonal',
        'spendBasis',
      ]);
      expect(p.model.reasons).toContainEqual({ code: 'few_clients', fit: 'frequency', count: 24, text: 'peu de clients (24)' });
      const mairie = p.clients.find((c: { name: string }) => c.name === 'MAIRIE DE FOS-SUR-MER');
      expect(mairie.seasonal).toMatchObject({ nextDate: '2026-06-21' });
      const backtest = (await run('predict', '--backtest', '--as-of', '2025-01-14', '--json')).json();
      expect(backtest).toMatchObject({ horizonEnd: '2026-01-14', horizonDays: 365, dataEnd: '2026-01-14' });
      expect(backtest.totals.actualGigs).toBeGreaterThan(0);
      expect((await run('predict', '--backtest', '--as-of', '2025-01-14')).out).toContain('Total sur 365 jours : prévu');
      const short = await run('predict', '--backtest', '--as-of', '2025-07-01', '--horizon-days', '91');
      expect(short.out).toContain("prévision sur 13 semaines, 91 jours, jusqu'au 30/09/2025");
    });

    it('`recompute` rebuilds the totals and changes no figure', async () => {
      await run('demo');
      const before = (await run('clients', '--json')).out;
      const r = await run('recompute', '--json');
      expect(r.json()).toEqual({ clients: 25, gigs: 276 });
      expect((await run('clients', '--json')).out).toBe(before);
    });

    it('prints French tables by default', async () => {
      await run('demo');
      const o = await run('overview');
      expect(o.out).toContain('25 clients au total');
      expect(o.out).toContain('CA total : 48 752 €');
      const c = await run('clients', '--segment', 'vip', '--sort', 'revenue');
      expect(c.out.split('\n')[2]).toMatch(/^Gergom Events\s+🟢 Actif\s+🟡 VIP\s+19\s+16 308 €/);
    });

    /** A gigs file of two rows: one to import, one rejected (its amount). */
    function oneGigFile(dir: string): string {
      const path = join(dir, 'une.csv');
      writeFileSync(path, 'date,client,montant\n2025-06-21,BAR DU PORT MARTIGUES,80\n2025-06-22,BAR DU PORT MARTIGUES,quatre-vingts\n');
      return path;
    }

    it('words the import summary in agreement with the rows: gender (prestations, clients) and number', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'djbooker-cli-'));
      try {
        const first = (await run('import', 'gigs', oneGigFile(dir))).out.split('\n');
        expect(first[1]).toBe('✅ 1 prestation importée, 0 mise à jour, 0 déjà présente, 1 rejetée — 2 lignes au total');
        const clients = (await run('import', 'clients', `${DEMO}clients_dj_clean.csv`)).out.split('\n');
        expect(clients[1]).toBe('✅ 24 clients importés, 1 mis à jour, 0 déjà présent, 0 rejeté — 25 lignes au total');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('says what a dry run would do, not that it was done', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'djbooker-cli-'));
      try {
        const dry = (await run('import', 'gigs', oneGigFile(dir), '--dry-run')).out.split('\n');
        expect(dry.slice(0, 3)).toEqual([
          'Simulation (rien n’a été écrit) — une.csv',
          '1 prestation serait importée, 0 mise à jour, 0 déjà présente, 1 rejetée — 2 lignes au total',
          'Clients qui seraient créés depuis les prestations : BAR DU PORT MARTIGUES',
        ]);
        await run('demo');
        const all = (await run('import', 'gigs', `${DEMO}prestations_dj_clean.csv`, '--dry-run')).out.split('\n');
        expect(all[1]).toBe('0 prestation serait importée, 0 mise à jour, 276 déjà présentes, 0 rejetée — 276 lignes au total');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('counts in agreement everywhere: one prospect, one client, one gig, one week', async () => {
      await run('demo');
      expect((await run('overview')).out).toContain('• 1 prospect (sans prestation)\n');
      expect((await run('clients', '--segment', 'prospect')).out).toMatch(/\n1 client au 14\/01\/2026\n$/);
      expect((await run('predict', '--backtest', '--as-of', '2025-07-01', '--horizon-days', '7')).out).toContain(
        'prévision sur 1 semaine, 7 jours',
      );
      const dir = mkdtempSync(join(tmpdir(), 'djbooker-cli-'));
      try {
        await run('import', 'gigs', oneGigFile(dir), '--workspace', 'seul');
        const overview = (await run('overview', '--workspace', 'seul')).out;
        expect(overview).toContain('• 1 client au total\n');
        expect(overview).toContain('• 1 prestation réalisée\n');
        expect((await run('recompute', '--workspace', 'seul')).out).toBe('Segmentations recalculées : 1 client, 1 prestation.\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('quotes the workspace’s own thresholds: an active threshold of 60 days reads 60 in every label', async () => {
      await run('demo');
      const before = await run('overview');
      expect(before.out).toContain('actifs (< 90 jours)');
      expect((await run('kpis')).out).toContain('Clients actifs (< 90 jours)');
      const ctx = { database: db, now: () => new Date('2026-11-25T10:00:00Z') };
      await updateSettings(ctx, await resolveWorkspace(ctx, undefined, false), { thresholds: { activeDays: 60, lapsedDays: 400 } });
      const o = (await run('overview')).out;
      expect(o).toMatch(/• \d+ actifs \(< 60 jours\)/);
      expect(o).toMatch(/• \d+ en veille \(60–400 jours\)/);
      expect(o).toMatch(/• \d+ à relancer \(> 400 jours\)/);
      expect(o).not.toMatch(/\b90\b|365|1 an/);
      const k = (await run('kpis')).out;
      expect(k).toContain('Clients actifs (< 60 jours)');
      expect(k).not.toContain('< 90 jours');
    });

    it('exits 2 on usage errors and 1 on an unreadable file, with one line on stderr', async () => {
      expect((await run('frobnicate')).code).toBe(2);
      expect((await run('clients', '--segment', 'gold')).code).toBe(2);
      expect((await run('clients', '--no-such-option')).code).toBe(2);
      expect((await run('overview', '--as-of', '14/01/2026')).code).toBe(2);
      expect((await run('import', 'clients')).code).toBe(2);
      const missing = await run('import', 'clients', '/nonexistent/clients.csv');
      expect(missing.code).toBe(1);
      expect(missing.err.trim().split('\n')).toHaveLength(1);
      expect(missing.err).toContain('/nonexistent/clients.csv');
    });

    it('a --map field the import does not know is a usage error (exit 2) naming the fields it knows', async () => {
      const r = await run('import', 'gigs', `${DEMO}prestations_dj_clean.csv`, '--map', 'montant=Prix');
      expect(r.err).toBe(
        'djbooker : Champ inconnu : « montant ». Champs possibles : date, client, amount, amountHt, amountTtc, reference, type, venue, city, duration, status, notes.\n',
      );
      expect(r.code).toBe(2);
    });

    it('needs --workspace once the database holds several, and keeps them apart', async () => {
      await run('demo', '--workspace', 'dj-a');
      await run('import', 'clients', `${DEMO}clients_dj_clean.csv`, '--workspace', 'dj-b');
      const ambiguous = await run('overview', '--json');
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.err).toContain('--workspace');
      expect((await run('overview', '--workspace', 'dj-a', '--json')).json()).toMatchObject({ gigs: 276 });
      expect((await run('overview', '--workspace', 'dj-b', '--as-of', '2026-01-14', '--json')).json()).toMatchObject({
        clients: 25,
        gigs: 0,
      });
      expect((await run('overview', '--workspace', 'nope')).code).toBe(2);
    });

    it('adds accounts with a role: owner of a new workspace, member of an existing one unless --role owner', async () => {
      env = { ...env, DJBOOKER_PASSWORD: 'une phrase assez longue' };
      const owner = await run('users', 'add', '--email', 'lea@example.fr', '--name', 'Léa', '--json');
      expect(owner.json()).toMatchObject({
        user: { email: 'lea@example.fr', role: 'owner' },
        workspace: { name: 'Léa' },
        createdWorkspace: true,
      });
      const member = await run('users', 'add', '--email', 'sam@example.fr', '--name', 'Sam', '--workspace', 'Léa');
      expect(member.code).toBe(0);
      expect(member.out).toContain('membre');
      const second = await run(
        'users',
        'add',
        '--email',
        'max@example.fr',
        '--name',
        'Max',
        '--workspace',
        'Léa',
        '--role',
        'owner',
        '--json',
      );
      expect(second.json()).toMatchObject({ user: { role: 'owner' }, createdWorkspace: false });
      const wrong = await run('users', 'add', '--email', 'x@example.fr', '--name', 'X', '--workspace', 'Léa', '--role', 'admin');
      expect(wrong.code).toBe(2);
      expect(wrong.err).toContain('role');
    });
  });
}
