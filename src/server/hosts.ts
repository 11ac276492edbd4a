/**
 * Which names this server answers for, and whom it believes about the client: the Host check that
 * stops DNS rebinding (ALLOWED_HOSTS, PUBLIC_URL), and the reverse proxy it trusts (TRUST_PROXY).
 * See docs/decisions/007.
 */
import type { FastifyInstance } from 'fastify';
import { hostName, type Env, type TrustProxy } from '../app/env';
import { isLoopbackAddress } from '../app/mailer';
import { errorBody, HTTP_STATUS } from './errors';

/** ALLOWED_HOSTS (parsed by src/app/env) and PUBLIC_URL's host; `localhost` and loopback addresses always. */
export function allowedHostsFrom(env: Pick<Env, 'allowedHosts' | 'publicUrl'>): Set<string> {
  const hosts = new Set(['localhost', ...env.allowedHosts]);
  if (env.publicUrl) hosts.add(hostName(new URL(env.publicUrl).host));
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
      .send(
        errorBody(
          'host_not_allowed',
          `Nom d’hôte non autorisé : « ${shown} ». Ouvrez l’application par localhost, par l’adresse de PUBLIC_URL, ou ajoutez ce nom à ALLOWED_HOSTS.`,
        ),
      );
  });
}

/** TRUST_PROXY (parsed by src/app/env), for Fastify's `trustProxy`: off by default. */
export function trustProxyFrom(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if ('addresses' in trust) return trust.addresses;
  // What Fastify does with a number (its types do not take one): the first `hops` hops are proxies.
  return (_address, hop) => hop < trust.hops;
}
