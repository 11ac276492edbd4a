/**
 * Roles: the owner sets the workspace up (mail, templates, thresholds, accounts); a member works
 * with the clients. Checked on every registered route, on both engines.
 */
import { sql } from 'kysely';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { addUser } from '../app/auth';
import { rolesMigration } from '../db/migrations/004-roles';
import { insertUser } from '../db/users';
import { OWNER_ONLY_ROUTES } from './session';
import { buildServer } from './server';
import { call, callerFrom, type Caller } from './test-client';

const NOW = new Date('2026-01-20T10:00:00Z');
const OWNER = { name: 'Alex Martin', email: 'alex@example.fr', password: 'correct horse battery' };
const MEMBER = { name: 'Sam Assistant', email: 'sam@example.fr', password: 'une autre phrase longue' };
const MAIL = { host: '127.0.0.1', port: 2525, secure: false, fromName: 'DJ A', fromAddress: 'contact@dj-a.example' };

for (const engine of testEngines()) {
  describe(`roles on ${engine.name}`, () => {
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

    async function ownerAndMember(): Promise<{ owner: Caller; member: Caller }> {
      const setup = await call(app, 'POST', '/api/setup', { body: OWNER });
      expect(setup.statusCode, setup.body).toBe(201);
      const joined = await addUser({ database, now: () => NOW }, { ...MEMBER, workspace: 'default' });
      expect(joined.user.role).toBe('member');
      const login = await call(app, 'POST', '/api/auth/login', { body: { email: MEMBER.email, password: MEMBER.password } });
      expect(login.statusCode, login.body).toBe(200);
      return { owner: callerFrom(setup), member: callerFrom(login) };
    }

    it('makes the first account an owner, a joining account a member, and a new workspace’s account its owner', async () => {
      const { owner, member } = await ownerAndMember();
      expect((await call(app, 'GET', '/api/me', { as: owner })).json().user.role).toBe('owner');
      expect((await call(app, 'GET', '/api/me', { as: member })).json().user.role).toBe('member');
      const ctx = { database, now: () => NOW };
      const newSpace = await addUser(ctx, { name: 'Léa', email: 'lea@example.fr', password: 'encore une phrase' });
      expect(newSpace).toMatchObject({ createdWorkspace: true, user: { role: 'owner' } });
      const second = await addUser(ctx, {
        name: 'Max',
        email: 'max@example.fr',
        password: 'encore une phrase',
        workspace: 'default',
        role: 'owner',
      });
      expect(second.user.role).toBe('owner');
    });

    it('refuses the owner’s settings to a member with 403 owner_only, and lets the owner change them', async () => {
      const { owner, member } = await ownerAndMember();
      const attempts: [string, string, unknown][] = [
        ['PUT', '/api/settings', { referenceDate: '2026-01-01' }],
        ['PUT', '/api/mail-settings', MAIL],
        ['DELETE', '/api/mail-settings', undefined],
        ['POST', '/api/mail-settings/test', {}],
        ['PUT', '/api/templates/first_contact', { subject: 'Bonjour', body: 'Bonjour {{prenom}}' }],
        ['DELETE', '/api/templates/first_contact', undefined],
        ['PUT', '/api/alert/settings', { address: 'dj@example.fr', day: 1, hour: 8 }],
        ['POST', '/api/workspace/import', { format: 'djbooker-workspace', version: 1 }],
      ];
      for (const [method, url, body] of attempts) {
        const r = await call(app, method, url, { as: member, body });
        expect(r.statusCode, `${method} ${url}`).toBe(403);
        expect(r.json().error.code, `${method} ${url}`).toBe('owner_only');
      }
      expect((await call(app, 'GET', '/api/settings', { as: member })).statusCode).toBe(200);
      expect((await call(app, 'GET', '/api/mail-settings', { as: member })).statusCode).toBe(200);
      expect((await call(app, 'PUT', '/api/settings', { as: owner, body: { referenceDate: '2026-01-01' } })).statusCode).toBe(200);
      expect((await call(app, 'PUT', '/api/mail-settings', { as: owner, body: MAIL })).statusCode).toBe(200);
      // A member still works with the clients.
      expect((await call(app, 'POST', '/api/clients', { as: member, body: { name: 'Club Membre' } })).statusCode).toBe(201);
    });

    it('sweeps every route: a member is refused exactly the owner-only ones', async () => {
      const { member } = await ownerAndMember();
      const listed = new Set(OWNER_ONLY_ROUTES);
      const seen = new Set<string>();
      for (const route of routes) {
        for (const method of [route.method].flat()) {
          const key = `${method} ${route.url}`;
          // Signing out would end the sweep's session.
          if (method === 'HEAD' || route.config?.public || key === 'POST /api/auth/logout') continue;
          const url = route.url.replace(':id', '999999').replace(':key', 'first_contact').replace(':token', 'x');
          const r = await call(app, method, url, { as: member, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
          const refused = r.statusCode === 403 && r.json().error?.code === 'owner_only';
          expect(refused, `${key} → ${r.statusCode} ${r.body}`).toBe(listed.has(key));
          if (refused) seen.add(key);
        }
      }
      expect([...seen].sort()).toEqual([...listed].sort());
    });

    it('makes every account that exists when the migration runs an owner', async () => {
      const db = database.db;
      // Back to the schema before roles, with one account in it, then the roles migration again
      // (run on its own: the migrations after it stay applied).
      await sql`alter table users drop column role`.execute(db);
      const workspace = await db
        .insertInto('workspaces')
        .values({ name: 'ancien', time_zone: 'Europe/Paris', reference_date: null, settings: '{}', created_at: NOW.toISOString() } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`insert into users (workspace_id, name, email, password_hash, created_at) values (${workspace.id}, 'Ancien', 'ancien@example.fr', 'x', ${NOW.toISOString()})`.execute(
        db,
      );
      await rolesMigration().up(db as never);
      const rows = await db.selectFrom('users').select(['email', 'role']).execute();
      expect(rows).toEqual([{ email: 'ancien@example.fr', role: 'owner' }]);
      // And a role outside the two is refused by the database itself.
      await expect(
        insertUser(db, {
          workspaceId: workspace.id,
          name: 'X',
          email: 'x@example.fr',
          passwordHash: 'x',
          now: NOW.toISOString(),
          role: 'admin' as never,
        }),
      ).rejects.toThrow();
    });
  });
}
