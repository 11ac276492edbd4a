import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENV } from '../app/env';
import { openDatabase, type Database } from '../db/connection';
import { startServer } from './server';
import { SOURCE_HASH_FILE, webBuildState, webSourceHash } from './web';

describe('the web build, as `djbooker serve` sees it', () => {
  let root: string;
  let database: Database;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'djbooker-web-'));
    database = await openDatabase({ dataDir: join(root, 'data') });
  });
  afterEach(async () => {
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  function write(path: string, text: string): void {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  it('is absent without sources, missing before the first build, current after it, stale once a source or the Vite config changes', () => {
    expect(webBuildState(root)).toBe('absent');
    write('src/web/index.html', '<div id="root"></div>');
    write('src/web/main.tsx', 'export {};');
    write('vite.config.ts', 'export default {};');
    expect(webBuildState(root)).toBe('missing');
    write('dist/web/index.html', '<html></html>');
    expect(webBuildState(root)).toBe('missing');
    write(SOURCE_HASH_FILE, `${webSourceHash(root)}\n`);
    expect(webBuildState(root)).toBe('current');
    write('src/web/main.tsx', 'export const changed = 1;');
    expect(webBuildState(root)).toBe('stale');
    write(SOURCE_HASH_FILE, webSourceHash(root));
    write('vite.config.ts', 'export default { base: "/" };');
    expect(webBuildState(root)).toBe('stale');
    // An installation that ships only the build: nothing to compare with, it is served.
    rmSync(join(root, 'src'), { recursive: true });
    expect(webBuildState(root)).toBe('current');
  });

  it('refuses to serve a missing or stale build in one line that says how to make it', async () => {
    write('src/web/index.html', '<div id="root"></div>');
    const start = () =>
      startServer({
        database,
        now: () => new Date(),
        host: '127.0.0.1',
        port: 0,
        env: DEFAULT_ENV,
        log: () => undefined,
        projectRoot: root,
      });
    await expect(start()).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/n’est pas construite : lancez « npm run build »/),
    });
    write('dist/web/index.html', '<html></html>');
    write(SOURCE_HASH_FILE, 'an older hash');
    await expect(start()).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/date d’avant ses sources : lancez « npm run build »/),
    });
  });

  it('serves a current build', async () => {
    write('src/web/index.html', '<div id="root"></div>');
    write('dist/web/index.html', '<html><body>DJ Booker Pro</body></html>');
    write(SOURCE_HASH_FILE, webSourceHash(root));
    const lines: string[] = [];
    const { app, url } = await startServer({
      database,
      now: () => new Date(),
      host: '127.0.0.1',
      port: 0,
      env: DEFAULT_ENV,
      log: (l) => lines.push(l),
      projectRoot: root,
    });
    try {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      expect(url).toMatch(/^http:\/\/localhost:/);
      const page = await fetch(`http://127.0.0.1:${port}/clients/12`);
      expect(await page.text()).toContain('DJ Booker Pro');
    } finally {
      await app.close();
    }
  });
});
