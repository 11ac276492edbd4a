/**
 * Which names this server answers for, and whom it believes about the client: the Host check that
 * stops DNS rebinding (ALLOWED_HOSTS, PUBLIC_URL), and the reverse proxy it trusts (TRUST_PROXY).
 * See docs/decisions/007.
 */
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app/errors';
import { isLoopbackAddress } from '../app/mailer';
import { errorBody, HTTP_STATUS } from './errors';

/** The name part of a Host header, lower-cased, without its port or IPv6 brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  // Several colons: a bare IPv6 address, which has no port.
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

/** ALLOWED_HOSTS (comma list) and PUBLIC_URL's host; `localhost` and loopback addresses always. */
export function allowedHostsFrom(env: Record<string, string | undefined>, publicUrl: string | null): Set<string> {
  const hosts = new Set(['localhost']);
  if (publicUrl) hosts.add(hostName(new URL(publicUrl).host));
  for (const item of (env.ALLOWED_HOSTS ?? '').split(',')) {
    const name = hostName(item);
    if (!name) continue;
    if (!/^[a-z0-9.:-]+$/.test(name)) throw new AppError('usage', `ALLOWED_HOSTS : nom d’hôte invalide « ${item.trim()} » (attendu : des noms ou des adresses séparés par des virgules).`);
    hosts.add(name);
  }
  return hosts;
}

/**
 * Refuses any request whose Host (the forwarded one behind a trusted proxy) is not allowed: a page
 * on another site whose name was rebound to this machine reaches the server under that name.
 */
export function registerHostCheck(app: FastifyInstance, allowed: Set<string>): void {
  app.addHook('onRequest', async (request, reply) => {
    const name = hostName(request.host ?? '');
    if (allowed.has(name) || isLoopbackAddress(name)) return;
    const shown = name.slice(0, 100);
    return reply
      .status(HTTP_STATUS.host_not_allowed)
      .send(errorBody('host_not_allowed', `Nom d’hôte non autorisé : « ${shown} ». Ouvrez l’application par localhost, par l’adresse de PUBLIC_URL, ou ajoutez ce nom à ALLOWED_HOSTS.`));
  });
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address, bits, ...rest] = item.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * TRUST_PROXY, for Fastify's `trustProxy`: off (false) by default; a hop count (`1`: the one proxy
 * in front); or a comma list of the proxy's addresses, ranges (10.0.0.0/8) or `loopback`.
 */
export function trustProxyFrom(env: Record<string, string | undefined>): false | string[] | ((address: string, hop: number) => boolean) {
  const value = env.TRUST_PROXY?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'off' || value === 'false' || value === '0') return false;
  if (/^\d{1,2}$/.test(value)) {
    // What Fastify does with a number (its types do not take one): the first `hops` hops are proxies.
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const items = value.split(',').map((i) => i.trim()).filter((i) => i !== '');
  const wrong = items.find((i) => !isAddressOrRange(i));
  if (wrong !== undefined || items.length === 0) {
    throw new AppError('usage', `TRUST_PROXY invalide : « ${env.TRUST_PROXY} » (attendu : un nombre de relais, par exemple 1, ou les adresses du proxy séparées par des virgules, par exemple 127.0.0.1).`);
  }
  return items;
}
