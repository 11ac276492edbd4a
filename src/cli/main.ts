/**
 * The `djbooker` command line. Its commands, options and JSON keys are a public contract for
 * scripts: keep them. Exit codes: 0 success (also with rejected rows), 2 usage error,
 * 1 unreadable file or database failure, with one clear line on stderr.
 */
import { typedValueWords } from '../contracts/input-words';
import { message } from '../contracts/messages';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { openDatabase, type Database } from '../db/connection';
import type { AppContext } from '../app/context';
import { parseEnv, processEnv, type EnvSource } from '../app/env';
import { appErrorOf } from '../app/errors';
import { ROLES } from '../contracts/auth';
import { segmentSchema, sortSchema } from '../contracts/clients';
import { excerpt } from '../domain/excerpt';
import { commands, type CommandIo } from './commands';

const USAGE = `Usage : djbooker <commande> [options]

Commandes :
  import clients FICHIER        importe un fichier de clients (CSV)
  import gigs FICHIER           importe un fichier de prestations (alias : import prestations)
      --map champ=En-tête       impose la colonne d'un champ (répétable)
      --dry-run                 montre le rapport sans rien écrire
  import workspace FICHIER.json importe un espace de travail exporté (dans un espace vide)
  export clients|gigs FICHIER   exporte les clients ou les prestations en CSV pour Excel
  export workspace FICHIER.json exporte tout l'espace de travail (JSON, sans mot de passe SMTP)
  report --pdf FICHIER [--from AAAA-MM-JJ] [--to AAAA-MM-JJ] [--as-of …]
                                le rapport PDF (vue d'ensemble, VIP, clients à relancer, en veille)
  alert --dry-run               affiche l'alerte hebdomadaire qui partirait maintenant (« N clients
                                à relancer cette semaine ») ; le serveur l'envoie au jour et à l'heure
                                des réglages
  overview [--as-of AAAA-MM-JJ] vue d'ensemble
  clients [--segment vip|active|dormant|lapsed|prospect] [--sort gigs|revenue|last|priority] [--as-of …]
  predict [--as-of …] [--backtest [--horizon-days N]]
                                prévisions par client (BG/NBD, Gamma-Gamma, saisonnalité) ;
                                --backtest : calibre jusqu'à --as-of et compare aux 12 mois
                                suivants (ou N jours), sans dépasser la fin des données
  kpis [--from AAAA-MM-JJ] [--to AAAA-MM-JJ] [--as-of …]
                                indicateurs et objectifs du guide sur une période (défaut :
                                l'année finissant à --as-of, sinon aujourd'hui)
  recompute                     recalcule les totaux et segmentations
  followups [--client NOM]      les relances faites et leurs résultats
  replies --check               lit une fois la boîte de réception configurée (lecture seule) et
                                montre les réponses aux relances qu'elle a reconnues
  demo                          charge les données de démonstration (date de référence 2026-01-14)
  serve                         démarre l'application web sur http://localhost:3000 (npm start)
                                ($PORT, $HOST : 127.0.0.1 par défaut ; au-delà, un code d'installation
                                s'affiche au premier démarrage ; $ALLOWED_HOSTS, $PUBLIC_URL,
                                $TRUST_PROXY : voir la section Security du README)
  users add --email E --name N [--workspace W] [--role owner|member]
                                crée un compte (dans l'espace W, créé s'il manque ; sinon dans un
                                nouvel espace au nom de N) ; mot de passe : $DJBOOKER_PASSWORD ou saisi ;
                                rôle : propriétaire (owner) d'un nouvel espace, membre (member) par
                                défaut d'un espace existant

Options communes :
  --data-dir DOSSIER   dossier des données (défaut : $DJBOOKER_DATA_DIR ou ./data)
  --workspace NOM      espace de travail (nécessaire s'il y en a plusieurs)
  --json               sortie JSON uniquement
  DATABASE_URL         utilise PostgreSQL au lieu de la base embarquée`;

const optionsSchema = z.object({
  'data-dir': z.string().min(1).optional(),
  workspace: z.string().min(1).optional(),
  json: z.boolean().optional(),
  'as-of': z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  segment: segmentSchema.optional(),
  sort: sortSchema.optional(),
  map: z.array(z.string().regex(/^[A-Za-z]+=.*$/, 'attendu champ=En-tête')).optional(),
  'dry-run': z.boolean().optional(),
  backtest: z.boolean().optional(),
  'horizon-days': z.coerce.number().int('attendu un nombre entier de jours').min(1).max(3660).optional(),
  email: z.email().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  client: z.string().min(1).optional(),
  pdf: z.string().min(1).optional(),
  role: z.enum(ROLES).optional(),
  check: z.boolean().optional(),
  help: z.boolean().optional(),
});
export type CliOptions = z.infer<typeof optionsSchema>;

export interface MainIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The environment's variables, parsed by src/app/env before any command runs. */
  env: EnvSource;
  now: () => Date;
}

const processIo: MainIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: processEnv(),
  now: () => new Date(),
};

/** The options as node's parseArgs reads them; the schema above checks their values. */
const ARG_OPTIONS = {
  'data-dir': { type: 'string' },
  workspace: { type: 'string' },
  json: { type: 'boolean' },
  'as-of': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  segment: { type: 'string' },
  sort: { type: 'string' },
  map: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  backtest: { type: 'boolean' },
  'horizon-days': { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  client: { type: 'string' },
  pdf: { type: 'string' },
  role: { type: 'string' },
  check: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/**
 * The command line read, or what is wrong with it in French. Node's strict parsing words its
 * refusals in English and names the option only inside that text: the arguments are read leniently
 * and each option is checked here the way strict parsing would (unknown; a value missing, or given
 * to a switch; a value that looks like an option).
 */
function readArguments(argv: string[]) {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: ARG_OPTIONS,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const { rawName, value } = token;
    const type = Object.hasOwn(ARG_OPTIONS, token.name) ? ARG_OPTIONS[token.name as keyof typeof ARG_OPTIONS].type : undefined;
    if (type === undefined) return { problem: `option inconnue : ${rawName}` };
    if (type === 'boolean') {
      if (value !== undefined) return { problem: `l’option ${rawName} ne prend pas de valeur (reçu « ${value} »)` };
    } else if (value === undefined) {
      return { problem: `l’option ${rawName} attend une valeur` };
    } else if (!token.inlineValue && value.length > 1 && value.startsWith('-')) {
      return {
        problem: `l’option ${rawName} attend une valeur : « ${value} » commence par un tiret (si c’est la valeur, écrivez ${rawName}=${value})`,
      };
    }
  }
  return { values, positionals };
}

export async function main(argv: string[], io: MainIo = processIo): Promise<number> {
  const parsed = readArguments(argv);
  if (parsed.problem !== undefined) return usageError(io, parsed.problem);
  const options = optionsSchema.safeParse(parsed.values, {
    error: typedValueWords(parsed.values, (key, vars) => message('fr', key, vars)),
  });
  if (!options.success) {
    const [issue] = options.error.issues;
    return usageError(io, `option --${String(issue?.path[0] ?? '?')} : ${issue?.message ?? 'invalide'}`);
  }
  const [name, ...args] = parsed.positionals;
  if (options.data.help || name === undefined || name === 'help') {
    io.out(USAGE + '\n');
    return name === undefined && !options.data.help ? 2 : 0;
  }
  const command = commands[name];
  if (!command) return usageError(io, `commande inconnue : ${name}`);

  let database: Database | undefined;
  try {
    const env = parseEnv(io.env);
    const url = env.databaseUrl;
    database = await openDatabase(url ? { url } : { dataDir: options.data['data-dir'] ?? env.dataDir ?? './data' });
    const ctx: AppContext = { database, now: io.now };
    const cio: CommandIo = { out: io.out, err: io.err, json: options.data.json === true, env };
    await command(ctx, args, options.data, cio);
    return 0;
  } catch (e) {
    const known = appErrorOf(e);
    if (known) {
      const usage = known.code === 'usage' || known.code === 'ambiguous_workspace' || known.code === 'not_found';
      io.err(`djbooker : ${excerpt(known.message, MAX_ERROR_CHARS)}\n`);
      return usage ? 2 : 1;
    }
    io.err(
      `djbooker : erreur de base de données ou d'entrée/sortie : ${excerpt(e instanceof Error ? e.message : String(e), MAX_ERROR_CHARS)}\n`,
    );
    return 1;
  } finally {
    await database?.close();
  }
}

/** An error is one line a person reads, whatever value a driver or a file put in it. */
const MAX_ERROR_CHARS = 2000;

function usageError(io: MainIo, message: string): number {
  io.err(`djbooker : ${message} (djbooker --help)\n`);
  return 2;
}
