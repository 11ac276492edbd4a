/** The downloads of docs/api.md («Exports and report») through `app.inject`, on the real databases. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { buildServer } from './server';
import { call, callerFrom, type Caller } from './test-client';

for (const engine of testEngines()) {
  describe(`export downloads on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let app: FastifyInstance;
    let owner: Caller;

    beforeEach(async () => {
      database = await engine.open();
      app = await buildServer({ database, now: () => new Date('2026-01-20T10:00:00Z') });
      owner = callerFrom(
        await call(app, 'POST', '/api/setup', {
          body: { name: 'Alex Martin', email: 'alex@example.fr', password: 'correct horse battery' },
        }),
      );
      expect((await call(app, 'POST', '/api/demo', { as: owner })).statusCode).toBe(200);
    });
    afterEach(async () => {
      await app.close();
      await database.cleanup();
    });

    it('downloads the clients and gigs CSV, the workspace JSON and the PDF report as attachments', async () => {
      const clients = await call(app, 'GET', '/api/export/clients.csv', { as: owner });
      expect(clients.statusCode).toBe(200);
      expect(clients.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(clients.headers['content-disposition']).toBe(
        `attachment; filename="clients-2026-01-14.csv"; filename*=UTF-8''clients-2026-01-14.csv`,
      );
      expect(clients.body.startsWith('\uFEFF"Nom du client";')).toBe(true);
      expect(clients.body.split('\r\n')).toHaveLength(27);

      const gigs = await call(app, 'GET', '/api/export/gigs.csv', { as: owner });
      expect(gigs.headers['content-disposition']).toContain('filename="prestations-2026-01-14.csv"');
      expect(gigs.body.split('\r\n')).toHaveLength(278);

      const workspace = await call(app, 'GET', '/api/export/workspace.json', { as: owner });
      expect(workspace.headers['content-disposition']).toContain('filename="espace-de-travail-2026-01-14.json"');
      expect(workspace.json()).toMatchObject({ format: 'djbooker-workspace', version: 1, exportedAt: '2026-01-20T10:00:00.000Z' });
      expect(workspace.json().gigs).toHaveLength(276);

      const pdf = await call(app, 'GET', '/api/report.pdf?from=2025-01-01&to=2025-12-31', { as: owner });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain('filename="rapport-2026-01-14.pdf"');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

      expect((await call(app, 'GET', '/api/report.pdf?from=2025-13-01', { as: owner })).statusCode).toBe(400);
      expect((await call(app, 'GET', '/api/report.pdf?from=2025-12-01&to=2025-01-01', { as: owner })).json().error.code).toBe(
        'invalid_input',
      );
      expect((await call(app, 'GET', '/api/export/notes.csv', { as: owner })).statusCode).toBe(400);
      expect((await call(app, 'GET', '/api/export/clients.csv')).statusCode).toBe(401);
    });
  });
}
