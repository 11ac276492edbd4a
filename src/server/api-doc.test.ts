/**
 * docs/api.md and the routes agree: every route Fastify registers (collected with an `onRoute`
 * hook) is documented, and every route the document names exists. The web app's own files are
 * not the API's and are not registered here (no `webDir`).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSqlite } from '../../test/support/databases';
import { buildServer } from './server';

const DOC = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

/** `METHOD /path` in backquotes, the query left out: `GET /api/clients?segment=…` names `GET /api/clients`. */
function documentedRoutes(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^\s`?]+)/g)) found.add(`${m[1]} ${m[2]}`);
  return [...found].sort();
}

/** A registered route as a pattern: `:id` stands for any one segment (or part of one, as in `:token.ics`). */
function patternOf(route: string): RegExp {
  const escaped = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+?');
  return new RegExp(`^${escaped}$`);
}

describe('docs/api.md', () => {
  let database: Awaited<ReturnType<typeof openTestSqlite>>;
  let app: FastifyInstance;
  const registered: string[] = [];

  beforeAll(async () => {
    database = await openTestSqlite();
    const collect = (r: RouteOptions) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${r.url}`);
    };
    app = await buildServer({ database, now: () => new Date('2026-01-20T10:00:00Z'), onRoute: collect });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.cleanup();
  });

  it('finds the routes on both sides', () => {
    expect(registered.length).toBeGreaterThan(50);
    expect(documentedRoutes(DOC).length).toBeGreaterThan(50);
  });

  it('documents every registered route', () => {
    const documented = documentedRoutes(DOC);
    const missing = registered.filter((r) => !documented.some((d) => patternOf(r).test(d)));
    expect(missing).toEqual([]);
  });

  it('names no route that is not registered', () => {
    const unknown = documentedRoutes(DOC).filter((d) => !registered.some((r) => patternOf(r).test(d)));
    expect(unknown).toEqual([]);
  });
});
