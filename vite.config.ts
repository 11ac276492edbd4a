import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const LIMIT_BYTES = 150 * 1024;

/**
 * Prints the gzipped size of the JavaScript a first visit downloads (entry chunks and what they
 * import statically; lazy chunks excluded) and fails the build above the 150 KB budget, so that
 * the budget is checked on every build rather than remembered.
 */
function initialJsSize(): Plugin {
  let production = true;
  return {
    name: 'djbooker-initial-js-size',
    apply: 'build',
    configResolved(config) {
      production = config.isProduction;
    },
    generateBundle(_options, bundle) {
      const seen = new Set<string>();
      const visit = (fileName: string): void => {
        const item = bundle[fileName];
        if (seen.has(fileName) || !item || item.type !== 'chunk') return;
        seen.add(fileName);
        item.imports.forEach(visit);
      };
      for (const item of Object.values(bundle)) if (item.type === 'chunk' && item.isEntry) visit(item.fileName);
      let bytes = 0;
      for (const fileName of seen) {
        const item = bundle[fileName];
        if (item?.type === 'chunk') bytes += gzipSync(item.code, { level: 9 }).length;
      }
      const kb = (bytes / 1024).toFixed(1);
      this.info(`initial JS: ${kb} KB gzipped (${seen.size} chunk${seen.size > 1 ? 's' : ''}, budget 150 KB)`);
      // With NODE_ENV=test (a build started from a test run) React's development build is bundled: not what users download.
      if (!production) this.info('not a production build (NODE_ENV is not "production"): the budget is not enforced');
      else if (bytes > LIMIT_BYTES) this.error(`initial JS is ${kb} KB gzipped, over the 150 KB budget`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), initialJsSize()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // `vite` during development talks to `npm start` on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000', '/calendar': 'http://127.0.0.1:3000' },
  },
});
