/**
 * Accounts and isolation: first start, sign-in and its rate limit, CSRF, and a sweep of every
 * registered route without a session and with another workspace's session.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { addUser } from '../app/auth';
import { buildServer } from './server';
import { call, callerFrom, type Caller } from './test-client';

const NOW = new Date('2026-01-20T10:00:00Z');
const OWNER = { name: 'Alex Martin', email: 'alex@example.fr', password: 'correct horse battery' };
/** Distinctive values of workspace A that must never appear in workspace B's answers. */
const SECRET_CLIENT = 'ALPHA SECRET CLUB';
const SECRET_NOTE = 'note-alpha-confidentielle';
const SECRET_FOLLOW_UP = 'relance-alpha-confidentielle';
const MAIL_A = { host: '127.0.0.1', port: 2525, secure: false, fromName: 'DJ A', fromAddress: 'contact@dj-a.example' };
const MAIL_B = { host: '127.0.0.1', port: 2526, secure: false, fromName: 'DJ B', fromAddress: 'contact@dj-b.example' };

for (const engine of testEngines()) {
  describe(`server security on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let app: FastifyInstance;
    let routes: RouteOptions[];

    beforeEach(async () => {
      database = await engine.open();
      routes = [];
      app = await buildServer({ database, now: () => NOW, onRoute: (r) => routes.push(r) });
    });
    afterEach(async () => {
      await app.close();
      await database.cleanup();
    });

    async function setUp(): Promise<Caller> {
      const r = await call(app, 'POST', '/api/setup', { body: OWNER });
      expect(r.statusCode, r.body).toBe(201);
      return callerFrom(r);
    }

    it('creates the owner account once, in an httpOnly SameSite cookie, storing only a hash of the token', async () => {
      expect((await call(app, 'GET', '/api/setup')).json()).toEqual({ needsSetup: true, needsCode: false });
      const short = await call(app, 'POST', '/api/setup', { body: { ...OWNER, password: 'court' } });
      expect(short.statusCode).toBe(400);
      // Where and what, never the value typed (a password).
      expect(short.json()).toEqual({
        error: {
          code: 'invalid_input',
          message: 'Donnée invalide (password) : au moins 10 caractères.',
          details: { issues: [{ path: ['password'], code: 'too_small', origin: 'string', minimum: 10 }] },
        },
      });

      const r = await call(app, 'POST', '/api/setup', { body: OWNER });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({
        user: { name: OWNER.name, email: OWNER.email },
        workspace: { name: 'default' },
        csrfToken: expect.any(String),
      });
      const cookie = r.cookies.find((c) => c.name === 'djb_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const stored = await database.db.selectFrom('sessions').select('token_hash').execute();
      expect(stored).toEqual([
        {
          token_hash: createHash('sha256')
            .update(cookie?.value ?? '')
            .digest('hex'),
        },
      ]);
      const user = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
      expect(user.password_hash).toMatch(/^\$argon2id\$/);

      expect((await call(app, 'GET', '/api/setup')).json()).toEqual({ needsSetup: false, needsCode: false });
      expect((await call(app, 'POST', '/api/setup', { body: { ...OWNER, email: 'other@example.fr' } })).statusCode).toBe(409);
      const me = await call(app, 'GET', '/api/me', { as: callerFrom(r) });
      expect(me.json()).toEqual({
        user: { id: expect.any(Number), name: OWNER.name, email: OWNER.email, role: 'owner' },
        workspace: { id: expect.any(Number), name: 'default' },
        csrfToken: callerFrom(r).csrf,
      });
    });

    it('asks for the console’s setup code when listening beyond loopback', async () => {
      const remote = await buildServer({ database, now: () => NOW, setupCode: 'ABCD-EFGH-JKLM' });
      try {
        expect((await call(remote, 'GET', '/api/setup')).json()).toEqual({ needsSetup: true, needsCode: true });
        expect((await call(remote, 'POST', '/api/setup', { body: OWNER })).statusCode).toBe(403);
        expect((await call(remote, 'POST', '/api/setup', { body: { ...OWNER, code: 'WXYZ-EFGH-JKLM' } })).statusCode).toBe(403);
        expect((await call(remote, 'POST', '/api/setup', { body: { ...OWNER, code: 'abcd efgh jklm' } })).statusCode).toBe(201);
      } finally {
        await remote.close();
      }
    });

    it('signs in and out, says the same thing for an unknown e-mail, and slows an account down after five failures', async () => {
      const owner = await setUp();
      const wrong = await call(app, 'POST', '/api/auth/login', { body: { email: OWNER.email, password: 'mauvais mot de passe' } });
      const unknown = await call(app, 'POST', '/api/auth/login', {
        body: { email: 'nobody@example.fr', password: 'mauvais mot de passe' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());

      const login = await call(app, 'POST', '/api/auth/login', { body: { email: 'ALEX@example.fr', password: OWNER.password } });
      expect(login.statusCode).toBe(200);
      const again = callerFrom(login);
      expect((await call(app, 'POST', '/api/auth/logout', { as: again, noCsrf: true })).statusCode).toBe(403);
      expect((await call(app, 'POST', '/api/auth/logout', { as: again })).statusCode).toBe(204);
      expect((await call(app, 'GET', '/api/me', { as: again })).statusCode).toBe(401);
      // The first session is still valid: signing out ends one session only.
      expect((await call(app, 'GET', '/api/me', { as: owner })).statusCode).toBe(200);

      for (let i = 0; i < 5; i += 1) {
        expect((await call(app, 'POST', '/api/auth/login', { body: { email: OWNER.email, password: `faux-${i}` } })).statusCode).toBe(401);
      }
      const limited = await call(app, 'POST', '/api/auth/login', { body: { email: OWNER.email, password: OWNER.password } });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
    });

    it('refuses a state-changing request without the session’s CSRF token', async () => {
      const owner = await setUp();
      const forged = await call(app, 'POST', '/api/clients', { as: owner, noCsrf: true, body: { name: 'Forgé' } });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.code).toBe('forbidden');
      const other = await call(app, 'POST', '/api/clients', { as: { ...owner, csrf: 'x'.repeat(43) }, body: { name: 'Forgé' } });
      expect(other.statusCode).toBe(403);
      expect((await call(app, 'GET', '/api/clients', { as: owner })).json().total).toBe(0);
    });

    it('answers an internal failure with the one error shape and nothing of the internals', async () => {
      const owner = await setUp();
      const created = await call(app, 'POST', '/api/clients', { as: owner, body: { name: 'Client' } });
      await sql`drop table notes`.execute(database.db);
      const r = await call(app, 'GET', `/api/clients/${created.json().client.id}`, { as: owner });
      expect(r.statusCode).toBe(500);
      expect(r.json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });
      expect(r.body).not.toMatch(/notes|sql|select|relation|stack|\.ts/i);
    });

    it('sweeps every route: 401 without a session, and nothing of another workspace with its session', async () => {
      const ownerA = await setUp();
      const client = (
        await call(app, 'POST', '/api/clients', { as: ownerA, body: { name: SECRET_CLIENT, email: 'alpha@example.fr' } })
      ).json().client;
      const note = (await call(app, 'POST', `/api/clients/${client.id}/notes`, { as: ownerA, body: { text: SECRET_NOTE } })).json().note;
      const gig = (
        await call(app, 'POST', '/api/gigs', {
          as: ownerA,
          body: { clientId: client.id, date: '2026-03-01', amount: 777, status: 'confirmed' },
        })
      ).json().gig;
      const csv = Buffer.from(`Nom,Ville\n${SECRET_CLIENT} BIS,Gap\n,Gap\n`);
      const imported = (await call(app, 'POST', '/api/imports?kind=clients&fileName=a.csv', { as: ownerA, file: csv })).json();
      expect(imported.id).toEqual(expect.any(Number));
      const feed = (await call(app, 'GET', '/api/calendar', { as: ownerA })).json().path as string;
      // Follow-ups of A: one recorded, one e-mail in the outbox (no sender runs here: it stays queued).
      expect((await call(app, 'PUT', '/api/mail-settings', { as: ownerA, body: MAIL_A })).statusCode).toBe(200);
      const followUp = (
        await call(app, 'POST', '/api/follow-ups', {
          as: ownerA,
          body: { clientId: client.id, channel: 'copied', subject: SECRET_FOLLOW_UP, body: SECRET_FOLLOW_UP },
        })
      ).json().followUp;
      const batch = await call(app, 'POST', '/api/follow-ups/batch', {
        as: ownerA,
        body: { messages: [{ clientId: client.id, subject: SECRET_FOLLOW_UP, body: 'Bonjour' }], batchId: 'lot-alpha' },
      });
      expect(batch.statusCode, batch.body).toBe(202);
      const outboxId = batch.json().results[0].outboxId as number;
      expect(outboxId).toEqual(expect.any(Number));
      const snapshotA = async () => (await call(app, 'GET', `/api/clients/${client.id}`, { as: ownerA })).body;
      const before = await snapshotA();

      const ctx = { database, now: () => NOW };
      await addUser(ctx, { name: 'Bea', email: 'bea@example.fr', password: 'un autre mot de passe', workspace: 'dj-b' });
      const ownerB = callerFrom(
        await call(app, 'POST', '/api/auth/login', { body: { email: 'bea@example.fr', password: 'un autre mot de passe' } }),
      );
      expect(ownerB.cookie).not.toBe(ownerA.cookie);
      // B can send: a refusal of A's client is then about the client, not about B's missing settings.
      expect((await call(app, 'PUT', '/api/mail-settings', { as: ownerB, body: MAIL_B })).statusCode).toBe(200);

      const ids: Record<string, number> = {
        '/api/clients/:id': client.id,
        '/api/notes/:id': note.id,
        '/api/gigs/:id': gig.id,
        '/api/imports/:id': imported.id,
        '/api/follow-ups/:id': followUp.id,
        '/api/outbox/:id': outboxId,
      };
      const message = { clientId: client.id, subject: 'Intrus', body: 'Bonjour' };
      const bodies: Record<string, unknown> = {
        'POST /api/setup': OWNER,
        'POST /api/auth/login': { email: OWNER.email, password: 'faux mot de passe' },
        'POST /api/clients': { name: 'Nouveau B' },
        'PATCH /api/clients/:id': { name: 'Volé', email: 'vol@example.fr' },
        'POST /api/clients/:id/notes': { text: 'intrus' },
        'PATCH /api/notes/:id': { text: 'intrus' },
        'POST /api/gigs': { clientId: client.id, date: '2026-03-01', amount: 1, status: 'done' },
        'PATCH /api/gigs/:id': { amount: 1, status: 'cancelled' },
        'PUT /api/settings': { djName: 'B' },
        'PUT /api/clients/:id/do-not-contact': { value: true },
        'POST /api/follow-ups': { ...message, channel: 'copied' },
        'POST /api/follow-ups/eml': message,
        'POST /api/follow-ups/send': { ...message, idempotencyKey: 'cle-intrus-0001' },
        'POST /api/follow-ups/batch': { messages: [message], batchId: 'lot-alpha' },
        'PUT /api/follow-ups/:id/outcome': { outcome: 'booking', date: '2026-01-20' },
        'POST /api/outbox/:id/resolve': { decision: 'resend' },
        'PUT /api/templates/:key': { subject: 'B {{client}}', body: 'Bonjour {{prenom}}' },
        'POST /api/templates/preview': { subject: 'S {{client}}', body: 'B', clientId: client.id },
        'PUT /api/mail-settings': MAIL_B,
        'POST /api/mail-settings/test': {},
      };
      /** Routes that name one of A's records in their body: refused like an id of A in the path. */
      const bodyRefersToA = new Set([
        'POST /api/gigs',
        'POST /api/follow-ups',
        'POST /api/follow-ups/eml',
        'POST /api/follow-ups/send',
        'POST /api/templates/preview',
      ]);
      const csvB = Buffer.from('Nom,Ville\nBRAVO BAR,Gap\n');
      const files: Record<string, Buffer> = { 'POST /api/imports/preview': csvB, 'POST /api/imports': csvB };
      const publicRoutes = new Set([
        'GET /api/setup',
        'POST /api/setup',
        'POST /api/auth/login',
        'GET /calendar/:token.ics',
        'GET /unsubscribe/:token',
        'POST /unsubscribe/:token',
      ]);

      // Signing out ends B's session: last.
      const isLogout = (r: RouteOptions) => r.url === '/api/auth/logout';
      const swept = routes.filter((r) => r.method !== 'HEAD').sort((a, b) => Number(isLogout(a)) - Number(isLogout(b)));
      expect(swept.length).toBeGreaterThan(25);
      for (const route of swept) {
        const method = String(route.method);
        const key = `${method} ${route.url}`;
        const idKey = Object.keys(ids).find((prefix) => route.url.startsWith(prefix));
        const url = route.url
          .replace(':id', String(idKey ? ids[idKey] : 0))
          .replace(':token', feed.split('/calendar/')[1]?.replace('.ics', '') ?? '')
          .replace(':key', 'standard');
        const query =
          route.url === '/api/gigs' && method === 'GET'
            ? '?date=2026-03-01'
            : route.url.startsWith('/api/imports') && method === 'POST' && !route.url.includes(':id')
              ? '?kind=clients&fileName=b.csv'
              : '';
        const input = { body: bodies[key], file: files[key] };

        const anonymous = await call(app, method, url + query, input);
        if (publicRoutes.has(key)) {
          expect(anonymous.statusCode, key).not.toBe(500);
          continue;
        }
        expect(anonymous.statusCode, key).toBe(401);
        expect(anonymous.json(), key).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });

        const intruder = await call(app, method, url + query, { ...input, as: ownerB });
        if (idKey || bodyRefersToA.has(key))
          expect([403, 404], `${key} → ${intruder.statusCode} ${intruder.body}`).toContain(intruder.statusCode);
        else expect(intruder.statusCode, `${key} → ${intruder.body}`).toBeLessThan(500);
        expect(intruder.body, key).not.toContain(SECRET_CLIENT);
        expect(intruder.body, key).not.toContain(SECRET_NOTE);
        expect(intruder.body, key).not.toContain(SECRET_FOLLOW_UP);
        expect(intruder.body, key).not.toContain(MAIL_A.fromAddress);
        expect(intruder.body, key).not.toContain('alpha@example.fr');
        expect(intruder.body, key).not.toContain(feed.split('/calendar/')[1] ?? 'no-feed');
      }
      // Workspace A is as it was: nothing B sent reached it.
      expect(await snapshotA()).toBe(before);
      expect((await call(app, 'GET', '/api/imports', { as: ownerA })).json().imports[0]).toMatchObject({ id: imported.id, undoable: true });
      expect((await call(app, 'GET', `/api/follow-ups?clientId=${client.id}`, { as: ownerA })).json().followUps).toEqual([
        expect.objectContaining({ id: expect.any(Number), channel: 'email_sent', status: 'queued', outcome: 'none' }),
        expect.objectContaining({ id: followUp.id, status: 'to_confirm', outcome: 'none' }),
      ]);
      expect((await call(app, 'GET', '/api/outbox', { as: ownerA })).json().messages).toEqual([
        expect.objectContaining({ id: outboxId, state: 'queued' }),
      ]);
      expect((await call(app, 'GET', `/api/clients/${client.id}/cadence`, { as: ownerA })).json().cadence).toMatchObject({
        optedOut: false,
      });
      expect((await call(app, 'GET', '/api/templates', { as: ownerA })).json().templates.every((t: { custom: boolean }) => !t.custom)).toBe(
        true,
      );
      expect((await call(app, 'GET', '/api/mail-settings', { as: ownerA })).json()).toMatchObject({
        configured: true,
        fromAddress: MAIL_A.fromAddress,
      });
    });
  });
}
