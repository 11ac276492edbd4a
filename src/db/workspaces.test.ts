/**
 * A workspace leaves src/db camelCase with its settings read from their JSON once, on both engines;
 * settings that do not match the schema read as none (the defaults), as they always did.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestDatabase } from '../../test/support/databases';
import { findSessionAuth, insertSession } from './sessions';
import { insertUser } from './users';
import { createWorkspace, getWorkspace, updateWorkspace, type Workspace } from './workspaces';

const NOW = new Date('2026-01-14T10:00:00Z');

for (const engine of testEngines()) {
  describe(`workspaces (${engine.name})`, () => {
    let db: TestDatabase;
    let ws: Workspace;
    beforeEach(async () => {
      db = await engine.open();
      ws = await createWorkspace(db.db, 'demo', NOW);
    });
    afterEach(async () => db.cleanup());

    const storedSettings = async () =>
      (await db.db.selectFrom('workspaces').select('settings').where('id', '=', ws.id).executeTakeFirstOrThrow()).settings;
    const storeSettings = (json: string) => db.db.updateTable('workspaces').set({ settings: json }).where('id', '=', ws.id).execute();

    it('reads a new workspace camelCase, with no settings', async () => {
      expect(ws).toEqual({
        id: ws.id,
        name: 'demo',
        timeZone: 'Europe/Paris',
        referenceDate: null,
        settings: {},
        dataVersion: 0,
        calendarToken: null,
        createdAt: NOW.toISOString(),
      });
      expect(await getWorkspace(db.db, ws.id)).toEqual(ws);
    });

    it('writes typed settings as JSON, checked against the schema, and bumps the data version', async () => {
      const settings = { djName: 'DJ Max', thresholds: { activeDays: 60 }, extra: 'dropped' } as Workspace['settings'];
      await updateWorkspace(db.db, ws.id, { referenceDate: '2026-01-14', timeZone: 'Europe/Brussels', settings });
      expect(JSON.parse(await storedSettings())).toEqual({ djName: 'DJ Max', thresholds: { activeDays: 60 } });
      expect(await getWorkspace(db.db, ws.id)).toMatchObject({
        referenceDate: '2026-01-14',
        timeZone: 'Europe/Brussels',
        settings: { djName: 'DJ Max', thresholds: { activeDays: 60 } },
        dataVersion: 1,
      });
      await expect(updateWorkspace(db.db, ws.id, { settings: { thresholds: { activeDays: 400, lapsedDays: 300 } } })).rejects.toThrow(
        'activeDays must not exceed lapsedDays',
      );
      expect(JSON.parse(await storedSettings())).toEqual({ djName: 'DJ Max', thresholds: { activeDays: 60 } });
    });

    it('reads settings that no longer match the schema, or are not JSON, as none', async () => {
      await storeSettings(JSON.stringify({ djName: 'DJ Max', thresholds: { activeDays: 0 } }));
      expect((await getWorkspace(db.db, ws.id))?.settings).toEqual({});
      await storeSettings('{"djName": "DJ Max"');
      expect((await getWorkspace(db.db, ws.id))?.settings).toEqual({});
    });

    it('gives the session the same workspace', async () => {
      await updateWorkspace(db.db, ws.id, { settings: { language: 'en' } });
      const user = await insertUser(db.db, {
        workspaceId: ws.id,
        name: 'Max',
        email: 'max@example.org',
        passwordHash: 'x',
        now: NOW.toISOString(),
        role: 'owner',
      });
      await insertSession(db.db, {
        tokenHash: 'h',
        userId: user.id,
        csrfToken: 'c',
        now: NOW.toISOString(),
        expiresAt: '2027-01-01T00:00:00Z',
      });
      const auth = await findSessionAuth(db.db, 'h', NOW.toISOString());
      expect(auth?.workspace).toEqual(await getWorkspace(db.db, ws.id));
      expect(auth?.workspace.settings).toEqual({ language: 'en' });
    });
  });
}
