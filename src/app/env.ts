/**
 * The environment: every variable the application honours, read in this one place and parsed once
 * with zod when a process starts (the CLI's `main`, hence `djbooker serve`). An invalid value is one
 * line for the user (`variable PORT invalide : …`) and exit code 2. The README's configuration table
 * lists the same variables.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { typedValueWords } from '../contracts/input-words';
import { message } from '../contracts/messages';
import { AppError } from './errors';
import { isSecretKeyText } from './secret-box';

/** Where the variables come from: `process.env` in a process, an object in a test. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The only read of `process.env` under src/ (a lint rule keeps it so). */
export function processEnv(): EnvSource {
  return process.env;
}

/** The name part of a Host header or of an ALLOWED_HOSTS item, lower-cased, without its port or IPv6 brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  // Several colons: a bare IPv6 address, which has no port.
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
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

/** TRUST_PROXY parsed: off, a hop count, or the proxy's addresses and ranges. */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

/** A blank variable is an unset one (`PUBLIC_URL=` in a service file). */
const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const text = (max: number) => z.preprocess(blankIsUnset, z.string().max(max, `au plus ${max} caractères`).optional());

const publicUrl = text(2000).transform((value, ctx) => {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    ctx.addIssue({ code: 'custom', message: `« ${value} » n’est pas une adresse (attendu par exemple https://crm.mon-domaine.fr)` });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: `doit commencer par https:// (reçu : ${value})` });
    return z.NEVER;
  }
  return url.toString().replace(/\/+$/, '');
});

const allowedHosts = text(4000).transform((value, ctx) => {
  const names: string[] = [];
  for (const item of (value ?? '').split(',')) {
    const name = hostName(item);
    if (!name) continue;
    if (!/^[a-z0-9.:-]+$/.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `nom d’hôte invalide « ${item.trim()} » (attendu : des noms ou des adresses séparés par des virgules)`,
      });
      return z.NEVER;
    }
    names.push(name);
  }
  return names;
});

const trustProxy = text(4000).transform((raw, ctx): TrustProxy => {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'off' || value === 'false' || value === '0') return false;
  if (/^\d{1,2}$/.test(value)) return { hops: Number(value) };
  const items = value
    .split(',')
    .map((i) => i.trim())
    .filter((i) => i !== '');
  if (items.length === 0 || items.some((i) => !isAddressOrRange(i))) {
    ctx.addIssue({
      code: 'custom',
      message: `« ${raw} » (attendu : un nombre de relais, par exemple 1, ou les adresses du proxy séparées par des virgules, par exemple 127.0.0.1)`,
    });
    return z.NEVER;
  }
  return { addresses: items };
});

const envSchema = z
  .object({
    DATABASE_URL: text(2000).refine(
      (v) => v === undefined || /^postgres(ql)?:\/\//i.test(v.trim()),
      'attendu postgres://utilisateur@hôte:5432/base',
    ),
    DJBOOKER_DATA_DIR: text(1000),
    HOST: z.preprocess(blankIsUnset, z.string().trim().max(255).default('127.0.0.1')),
    PORT: z.preprocess(blankIsUnset, z.coerce.number().int('attendu un nombre entier').min(1).max(65_535).default(3000)),
    PUBLIC_URL: publicUrl,
    ALLOWED_HOSTS: allowedHosts,
    TRUST_PROXY: trustProxy,
    DJBOOKER_OUTBOX_SENDER: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v) || undefined,
      z.enum(['on', 'off'], 'attendu « on » ou « off »').default('on'),
    ),
    DJBOOKER_SECRET_KEY: text(200).refine(
      (v) => v === undefined || isSecretKeyText(v),
      'attendu 32 octets encodés en base64 (par exemple : openssl rand -base64 32)',
    ),
    DJBOOKER_PASSWORD: text(1000),
  })
  .transform((v) => ({
    databaseUrl: v.DATABASE_URL?.trim(),
    dataDir: v.DJBOOKER_DATA_DIR,
    host: v.HOST,
    port: v.PORT,
    publicUrl: v.PUBLIC_URL,
    allowedHosts: v.ALLOWED_HOSTS,
    trustProxy: v.TRUST_PROXY,
    /** DJBOOKER_OUTBOX_SENDER=off: this server never sends in the background (docs/decisions/005). */
    outboxSender: v.DJBOOKER_OUTBOX_SENDER === 'on',
    secretKey: v.DJBOOKER_SECRET_KEY?.trim(),
    password: v.DJBOOKER_PASSWORD,
  }));

export type Env = z.output<typeof envSchema>;

/** The variables as the application uses them; AppError('usage'), one line naming the variable, when one is invalid. */
export function parseEnv(source: EnvSource): Env {
  const parsed = envSchema.safeParse(source, { error: typedValueWords(source, (key, vars) => message('fr', key, vars)) });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw AppError.worded('usage', 'error.env.invalid', { name: String(issue?.path[0] ?? '?'), problem: issue?.message ?? 'valeur refusée' });
}

/** The defaults, for a server or a test that reads nothing of the environment. */
export const DEFAULT_ENV: Env = parseEnv({});
