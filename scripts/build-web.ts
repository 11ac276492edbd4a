/**
 * `npm run build`: builds the web app with Vite into dist/web and stores, beside it, the hash of
 * what it was built from (src/server/web.ts), by which `djbooker serve` knows the build is current.
 * `--if-stale` (npm start's prestart, the browser tests): only when the build is missing or stale.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_HASH_FILE, webBuildState, webSourceHash } from '../src/server/web';

const root = fileURLToPath(new URL('../', import.meta.url));
const ifStale = process.argv.includes('--if-stale');
const state = webBuildState(root);

if (state === 'absent' || (ifStale && state === 'current')) {
  console.log(state === 'absent' ? 'No web app in this tree: nothing to build.' : 'dist/web is current: no build needed.');
} else {
  const hash = webSourceHash(root);
  // NODE_ENV=production whatever the caller's (Vitest sets `test`): React's production build.
  const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) {
    console.error('The web build failed (npx vite build): see the messages above.');
    process.exit(1);
  }
  writeFileSync(join(root, SOURCE_HASH_FILE), `${hash}\n`);
}
