/**
 * The holes of issue 9 that live in the HTTP layer: the Host header (DNS rebinding), a reverse
 * proxy (TRUST_PROXY, Secure cookies, PUBLIC_URL), sign-in limits that rotate no address around,
 * and static-file refusals.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from '../../test/support/databases';
import { parseEnv } from '../app/env';
import { buildServer, type ServerOptions } from './server';
import { call, callerFrom } from './test-client';

const OWNER = { name: 'Alex Martin', email: 'alex@example.fr', password: 'correct horse battery' };
const START = new Date('2026-01-20T10:00:00Z').getTime();

for (const engine of testEngines()) {
  describe(`HTTP hardening on ${engine.name}`, () => {
    let database: Awaited<ReturnType<TestEngine['open']>>;
    let clock: number;
    const apps: FastifyInstance[] = [];

    async function server(options: Partial<ServerOptions> = {}): Promise<FastifyInstance> {
      const app = await buildServer({ database, now: () => new Date(clock), ...options });
      apps.push(app);
      return app;
    }

    beforeEach(async () => {
      database = await engine.open();
      clock = START;
    });
    afterEach(async () => {
      for (const app of apps.splice(0)) await app.close();
      await database.cleanup();
    });

    function login(app: FastifyInstance, email: string, password: string, extra: Partial<InjectOptions> = {}) {
      return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ...extra });
    }

    describe('the language of error messages', () => {
      it('words them in French, or in English when Accept-Language asks for it first', async () => {
        const app = await server();
        const french = await login(app, 'nobody@example.fr', 'wrong password!');
        expect(french.statusCode).toBe(401);
        expect(french.json().error).toEqual({ code: 'unauthorized', message: 'E-mail ou mot de passe incorrect.' });
        const english = await login(app, 'nobody@example.fr', 'wrong password!', { headers: { 'accept-language': 'en' } });
        expect(english.json().error).toEqual({ code: 'unauthorized', message: 'Wrong e-mail or password.' });
        const missing = await app.inject({
          method: 'GET',
          url: '/api/nothing-here',
          headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.8' },
        });
        expect(missing.json().error).toEqual({ code: 'not_found', message: 'Resource not found.' });
        const unsigned = await app.inject({ method: 'GET', url: '/api/clients', headers: { 'accept-language': 'en' } });
        expect(unsigned.json().error).toEqual({ code: 'unauthorized', message: 'No session, or it expired: sign in.' });
      });
    });

    describe('allowed hosts', () => {
      it('answers localhost, loopback addresses, PUBLIC_URL’s host and ALLOWED_HOSTS, and refuses any other Host with 421', async () => {
        const app = await server({ env: parseEnv({ PUBLIC_URL: 'https://crm.example.fr', ALLOWED_HOSTS: 'studio.local, 192.168.1.20' }) });
        for (const host of [
          'localhost',
          'localhost:3000',
          '127.0.0.1:3000',
          '127.9.9.9',
          '[::1]:3000',
          'crm.example.fr',
          'CRM.example.fr:443',
          'studio.local:3000',
          '192.168.1.20:3000',
        ]) {
          const r = await app.inject({ method: 'GET', url: '/api/setup', headers: { host } });
          expect(r.statusCode, host).toBe(200);
        }
        for (const host of [
          'attacker.example',
          'attacker.example:3000',
          '127.attacker.example',
          'localhost.attacker.example',
          'crm.example.fr.attacker.example',
          '192.168.1.21',
        ]) {
          const r = await app.inject({ method: 'GET', url: '/api/setup', headers: { host } });
          expect(r.statusCode, host).toBe(421);
          expect(r.json().error.code, host).toBe('host_not_allowed');
        }
        // The first account cannot be claimed through a rebound name.
        const claim = await app.inject({ method: 'POST', url: '/api/setup', headers: { host: 'attacker.example:3000' }, payload: OWNER });
        expect(claim.statusCode).toBe(421);
        expect((await call(app, 'GET', '/api/setup')).json().needsSetup).toBe(true);
      });
    });

    describe('behind a reverse proxy', () => {
      const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'crm.example.fr', 'x-forwarded-for': '203.0.113.7' };

      it('trusts no forwarded header by default: no Secure cookie from a claimed https', async () => {
        const app = await server({ env: parseEnv({ PUBLIC_URL: 'https://crm.example.fr' }) });
        const r = await app.inject({ method: 'POST', url: '/api/setup', headers: proxied, payload: OWNER });
        expect(r.statusCode, r.body).toBe(201);
        expect(r.cookies.find((c) => c.name === 'djb_session')?.secure).toBeFalsy();
      });

      it('with TRUST_PROXY, takes the scheme, host and client address from the proxy: Secure cookie, per-client limits', async () => {
        const app = await server({ env: parseEnv({ PUBLIC_URL: 'https://crm.example.fr', TRUST_PROXY: '1' }) });
        const r = await app.inject({ method: 'POST', url: '/api/setup', headers: { ...proxied, host: '127.0.0.1:3000' }, payload: OWNER });
        expect(r.statusCode, r.body).toBe(201);
        expect(r.cookies.find((c) => c.name === 'djb_session')).toMatchObject({ secure: true, httpOnly: true });
        // One client behind the proxy exhausting its address's failures does not block another client.
        for (let i = 0; i < 20; i += 1) {
          const wrong = await login(app, `nobody-${i}@example.fr`, 'mauvais mot de passe', {
            headers: { ...proxied, 'x-forwarded-for': '203.0.113.66' },
          });
          expect(wrong.statusCode).toBe(401);
        }
        expect(
          (await login(app, 'x@example.fr', 'mauvais mot de passe', { headers: { ...proxied, 'x-forwarded-for': '203.0.113.66' } }))
            .statusCode,
        ).toBe(429);
        const other = await login(app, OWNER.email, OWNER.password, { headers: { ...proxied, 'x-forwarded-for': '198.51.100.4' } });
        expect(other.statusCode, other.body).toBe(200);
        expect(other.cookies.find((c) => c.name === 'djb_session')?.secure).toBe(true);
      });

      it('refuses a TRUST_PROXY that is neither a hop count nor addresses', async () => {
        expect(() => parseEnv({ TRUST_PROXY: 'yes please' })).toThrow(/^variable TRUST_PROXY invalide/);
        await expect(server({ env: parseEnv({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8, loopback' }) })).resolves.toBeDefined();
      });

      it('gives the calendar URL from PUBLIC_URL, and never from the Host header', async () => {
        const withUrl = await server({ env: parseEnv({ PUBLIC_URL: 'https://crm.example.fr' }) });
        const owner = callerFrom(await call(withUrl, 'POST', '/api/setup', { body: OWNER }));
        const r = await withUrl.inject({ method: 'GET', url: '/api/calendar', headers: { cookie: owner.cookie, host: 'localhost:3000' } });
        expect(r.json().url).toMatch(/^https:\/\/crm\.example\.fr\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);

        const without = await server();
        const plain = await without.inject({
          method: 'GET',
          url: '/api/calendar',
          headers: { cookie: owner.cookie, host: 'localhost:3000' },
        });
        expect(plain.statusCode).toBe(200);
        expect(plain.json()).toEqual({ url: null, path: expect.stringMatching(/^\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/) });
        expect(plain.body).not.toContain('localhost');
      });
    });

    describe('sign-in limits', () => {
      it('slows one account down across addresses instead of locking it, and lets its owner in once the delay is over', async () => {
        const app = await server();
        await call(app, 'POST', '/api/setup', { body: OWNER });
        // Five guesses, each from another address: the per-address limit never sees them.
        for (let i = 0; i < 5; i += 1) {
          expect((await login(app, OWNER.email, `faux-${i}`, { remoteAddress: `10.0.0.${i + 1}` })).statusCode).toBe(401);
        }
        const slowed = await login(app, OWNER.email, 'faux-6', { remoteAddress: '10.0.0.99' });
        expect(slowed.statusCode).toBe(429);
        expect(slowed.json().error.code).toBe('rate_limited');
        // Even the right password waits: otherwise the delay would tell a guess right.
        expect((await login(app, OWNER.email, OWNER.password, { remoteAddress: '10.0.1.1' })).statusCode).toBe(429);
        clock += 61_000;
        expect((await login(app, OWNER.email, OWNER.password, { remoteAddress: '10.0.1.1' })).statusCode).toBe(200);
        // Other accounts are untouched by one account's delay.
        expect((await login(app, 'autre@example.fr', 'faux', { remoteAddress: '10.0.0.99' })).statusCode).toBe(401);
      });

      it('keeps slowing guesses down however long they go on: at most about one a minute per account', async () => {
        const app = await server();
        await call(app, 'POST', '/api/setup', { body: OWNER });
        let tried = 0;
        for (let second = 0; second < 15 * 60; second += 5) {
          clock = START + second * 1000;
          const r = await login(app, OWNER.email, `faux-${second}`, { remoteAddress: `10.1.${Math.floor(second / 250)}.${second % 250}` });
          if (r.statusCode === 401) tried += 1;
          else expect(r.statusCode).toBe(429);
        }
        expect(tried).toBeGreaterThanOrEqual(5);
        expect(tried).toBeLessThanOrEqual(25);
      });

      it('limits failures per address across accounts', async () => {
        const app = await server();
        await call(app, 'POST', '/api/setup', { body: OWNER });
        for (let i = 0; i < 20; i += 1) {
          expect((await login(app, `inconnu-${i}@example.fr`, 'faux', { remoteAddress: '10.9.9.9' })).statusCode).toBe(401);
        }
        expect((await login(app, OWNER.email, OWNER.password, { remoteAddress: '10.9.9.9' })).statusCode).toBe(429);
        expect((await login(app, OWNER.email, OWNER.password, { remoteAddress: '10.9.9.10' })).statusCode).toBe(200);
      });
    });

    describe('static files', () => {
      let webDir: string;
      beforeEach(() => {
        webDir = mkdtempSync(join(tmpdir(), 'djbooker-web-'));
        mkdirSync(join(webDir, 'assets'));
        writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>app</title>');
        writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
      });
      afterEach(() => rmSync(webDir, { recursive: true, force: true }));

      it('answers traversal attempts 403 or 404 (or the app’s page), never 500, and logs no error', async () => {
        const lines: string[] = [];
        const app = await server({ webDir, logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
        for (const url of [
          '/../../etc/passwd',
          '/%2e%2e/%2e%2e/etc/passwd',
          '/assets/..%2f..%2f..%2fetc%2fpasswd',
          '/%00',
          '/assets/%00',
          '/assets/..%00/x',
          '/..%5c..%5cetc%5cpasswd',
        ]) {
          const r = await app.inject({ method: 'GET', url });
          expect(
            r.statusCode === 403 || r.statusCode === 404 || (r.statusCode === 200 && r.body.includes('<title>app</title>')),
            `${url} → ${r.statusCode}`,
          ).toBe(true);
          expect(r.body).not.toMatch(/root:|stack|at \w+ \(/);
        }
        expect((await app.inject({ method: 'GET', url: '/%00' })).statusCode).toBe(403);
        // Over a real connection the path arrives as written (inject would tidy the dots away).
        await app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = app.server.address() as AddressInfo;
        for (const path of ['/../../etc/passwd', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
          const raw = await new Promise<string>((done, fail) => {
            const socket = connect(port, '127.0.0.1', () =>
              socket.end(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
            );
            let text = '';
            socket.on('data', (chunk) => (text += chunk));
            socket.on('end', () => done(text));
            socket.on('error', fail);
          });
          expect(raw.split('\r\n')[0], path).toMatch(/^HTTP\/1\.1 40[34] /);
          expect(raw).not.toContain('root:');
        }
        expect(lines.filter((l) => /"level":(50|60)/.test(l) || l.includes('stack'))).toEqual([]);
      });
    });
  });
}
