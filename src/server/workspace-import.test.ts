/**
 * The web's workspace import (`POST /api/workspace/import`): the demo's workspace JSON, exported by
 * one server, read into another's empty workspace with the same figures; refused with 409 once the
 * workspace holds clients, and a file that is not a workspace is refused as such.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestDatabase } from '../../test/support/databases';
import { buildServer } from './server';
import { call, callerFrom, type Caller } from './test-client';

const NOW = () => new Date('2026-01-20T10:00:00Z');
const SETUP = { name: 'Alex Martin', email: 'alex@example.fr', password: 'correct horse battery' };

for (const engine of testEngines()) {
  describe(`workspace import from the web on ${engine.name}`, () => {
    const opened: { database: TestDatabase; app: FastifyInstance }[] = [];
    async function server(): Promise<{ app: FastifyInstance; owner: Caller }> {
      const database = await engine.open();
      const app = await buildServer({ database, now: NOW });
      opened.push({ database, app });
      return { app, owner: callerFrom(await call(app, 'POST', '/api/setup', { body: SETUP })) };
    }
    beforeEach(() => {
      opened.length = 0;
    });
    afterEach(async () => {
      for (const o of opened) {
        await o.app.close();
        await o.database.cleanup();
      }
    });

    it('reads an exported workspace into an empty one, then refuses a second time', async () => {
      const source = await server();
      expect((await call(source.app, 'POST', '/api/demo', { as: source.owner })).statusCode).toBe(200);
      const file = Buffer.from((await call(source.app, 'GET', '/api/export/workspace.json', { as: source.owner })).body);

      const target = await server();
      const imported = await call(target.app, 'POST', '/api/workspace/import', { as: target.owner, file });
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toMatchObject({ clients: 25, gigs: 276 });
      const overview = (app: FastifyInstance, as: Caller) => call(app, 'GET', '/api/overview', { as }).then((r) => r.json());
      expect(await overview(target.app, target.owner)).toEqual(await overview(source.app, source.owner));

      const again = await call(target.app, 'POST', '/api/workspace/import', { as: target.owner, file });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('conflict');
      // Refused before the file is read: even one that is not a workspace file.
      const junk = await call(target.app, 'POST', '/api/workspace/import', { as: target.owner, file: Buffer.from('pas du JSON') });
      expect(junk.json().error.code).toBe('conflict');
    });

    it('refuses what is not a workspace file, and writes nothing', async () => {
      const target = await server();
      const r = await call(target.app, 'POST', '/api/workspace/import', {
        as: target.owner,
        file: Buffer.from('{"format":"autre chose","version":1}'),
      });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('invalid_file');
      expect((await call(target.app, 'GET', '/api/overview', { as: target.owner })).json()).toMatchObject({ clients: 0 });
    });
  });
}
