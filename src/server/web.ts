/** The built React app: rebuilt by `npm start` when its sources changed, served with an SPA fallback. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';
import { langOf, message } from '../contracts/messages';

/** Newest modification time under a path (0 when it does not exist). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export type WebBuildState = 'absent' | 'fresh' | 'built';

/**
 * Builds the web app with Vite when dist/web/index.html is missing or older than its sources.
 * 'absent': there is no web app in this checkout yet, and only the API is served.
 */
export function ensureWebBuild(projectRoot: string, log: (line: string) => void): WebBuildState {
  const config = join(projectRoot, 'vite.config.ts');
  const sources = join(projectRoot, 'src/web');
  if (!existsSync(config) || !existsSync(join(sources, 'index.html'))) return 'absent';
  const built = join(projectRoot, 'dist/web/index.html');
  const sourcesTime = Math.max(newestMtime(sources), newestMtime(config));
  if (existsSync(built) && statSync(built).mtimeMs >= sourcesTime) return 'fresh';
  log('Construction de l’application web (npx vite build)…');
  const result = spawnSync('npx', ['vite', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('la construction de l’application web a échoué (npx vite build) : voir les messages ci-dessus.');
  return 'built';
}

export async function registerWebApp(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(async (scope) => {
    // The app's files are public: the session is asked for by the API, not by the page.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await scope.register(fastifyStatic, { root: dir, wildcard: true, index: ['index.html'] });
  });
}

/**
 * Unknown paths: with the web app, a GET outside the API is one of its client-side routes
 * (/clients/12 …) and gets its page, which routes itself; anything else is a JSON 404.
 */
export function notFoundHandler(webDir: string | null) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (webDir && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/calendar/')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    return reply.status(404).send(errorBody('not_found', message(langOf(request.headers['accept-language']), 'error.not_found')));
  };
}
