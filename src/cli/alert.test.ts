/**
 * `djbooker alert --dry-run` on the real databases: the demo's alert as it would go out, with the
 * links when PUBLIC_URL is set, the address once the owner set one, in English for an English
 * workspace; nothing is queued.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliTarget, testEngines, type TestDatabase } from '../../test/support/databases';
import { updateSettings } from '../app/settings';
import { saveAlertSettings } from '../app/weekly-alert';
import { resolveWorkspace } from '../app/workspace';
import { main } from './main';

const NOW = new Date('2026-01-14T10:00:00Z');

for (const engine of testEngines()) {
  describe(`djbooker alert --dry-run on ${engine.name}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await engine.open();
    });
    afterEach(async () => {
      await db.cleanup();
    });

    async function run(argv: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
      const { env, args } = cliTarget(db.options);
      let out = '';
      let err = '';
      const code = await main([...argv, ...args], {
        out: (t) => {
          out += t;
        },
        err: (t) => {
          err += t;
        },
        env: { ...env, ...extraEnv },
        now: () => NOW,
      });
      return { code, out, err };
    }

    it('prints the message that would go out, and queues nothing', async () => {
      expect((await run(['demo'])).code).toBe(0);
      const off = await run(['alert', '--dry-run']);
      expect(off.code).toBe(0);
      expect(off.out).toContain('À : (aucune adresse : l’alerte est désactivée');
      expect(off.out).toContain('Objet : 7 clients à relancer cette semaine');
      expect(off.out).toMatch(/^1\. BAR DU PORT MARTIGUES — priorité 169, potentiel 770\s€$/mu);
      expect(off.out).not.toContain('http');

      const ctx = { database: db, now: () => NOW };
      await saveAlertSettings(ctx, await resolveWorkspace(ctx, undefined, false), { address: 'dj@example.fr', day: 1, hour: 8 });
      const on = await run(['alert', '--dry-run'], { PUBLIC_URL: 'https://crm.example.fr/' });
      expect(on.out).toMatch(/^À : dj@example\.fr$/m);
      expect(on.out).toMatch(/^ {3}https:\/\/crm\.example\.fr\/#\/clients\/\d+$/m);

      await updateSettings(ctx, await resolveWorkspace(ctx, undefined, false), { language: 'en' });
      const json = JSON.parse((await run(['alert', '--dry-run', '--json'])).out);
      expect(json).toMatchObject({ to: 'dj@example.fr', subject: '7 clients to follow up this week' });
      expect(await db.db.selectFrom('outbox_messages').selectAll().execute()).toEqual([]);
    });

    it('is a usage error without --dry-run', async () => {
      expect((await run(['demo'])).code).toBe(0);
      const r = await run(['alert']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('djbooker alert --dry-run');
    });
  });
}
