/**
 * The built React app, served with an SPA fallback. The server never builds it: `npm run build`
 * (scripts/build-web.ts) does, and `npm start` through `prestart` when it is missing or stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';
import { langOf, message } from '../contracts/messages';

/** What the web build is made from: its sources, the Vite config and what decides the packages. */
const BUILD_INPUTS = ['src/web', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
/** Where the build keeps the hash of the inputs it was made from, beside its files. */
export const WEB_BUILD_DIR = 'dist/web';
export const SOURCE_HASH_FILE = 'dist/web/.source-hash';

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((entry) => filesUnder(root, join(path, entry)));
}

/** SHA-256 of the build's inputs, names and contents, in a stable order. */
export function webSourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((input) => filesUnder(root, input)).sort()) {
    hash
      .update(`${relative(root, join(root, file))}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/**
 * 'current': dist/web was built from the sources as they are (or there are no sources to compare
 * with: an installation that ships only the build); 'missing' or 'stale': build it; 'absent': no
 * web app at all in this tree (only the API is served).
 */
export type WebBuildState = 'absent' | 'missing' | 'stale' | 'current';

export function webBuildState(root: string): WebBuildState {
  const built = existsSync(join(root, WEB_BUILD_DIR, 'index.html'));
  if (!existsSync(join(root, 'src/web/index.html'))) return built ? 'current' : 'absent';
  if (!built || !existsSync(join(root, SOURCE_HASH_FILE))) return 'missing';
  return readFileSync(join(root, SOURCE_HASH_FILE), 'utf8').trim() === webSourceHash(root) ? 'current' : 'stale';
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
