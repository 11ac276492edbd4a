/**
 * The engines' own bulk loaders on the same file and machine, the near-physical limit the import
 * is compared with: `sqlite3`'s `.import` and `psql`'s `\copy`, into a table of the file's columns
 * (all text, no index), then the time to add three indexes like the ones our gigs table keeps, and
 * the same loader into a second table that has those indexes before the load (what an import into a
 * gigs table that already holds rows faces: the engine keeps every index up to date row by row).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface BaselineResult {
  tool: string;
  /** Loading the file into a table without any index (the process's wall time). */
  loadMs: number;
  rows: number;
  /** Then creating three indexes, as our gigs table has (identity unique, client+date, date). */
  indexMs: number;
  /** Loading the file into a new table that has the three indexes already. */
  indexedLoadMs: number;
}

const FILE_COLUMNS = ['reference', 'date', 'client', 'type_evenement', 'lieu', 'ville', 'montant', 'duree_heures', 'statut', 'notes'];
const TABLE_COLUMNS = FILE_COLUMNS.map((c) => `${c} text`).join(', ');
const INDEXES = (table: string) => [
  `create unique index ${table}_reference on ${table} (reference)`,
  `create index ${table}_client_date on ${table} (client, date)`,
  `create index ${table}_date on ${table} (date)`,
];

export function sqliteImportBaseline(csvPath: string, workDir: string): BaselineResult {
  const dbPath = join(workDir, 'baseline.sqlite');
  // The same journal and durability settings as our data directory.
  const indexed = INDEXES('indexed_gigs')
    .map((statement) => `${statement};\n`)
    .join('');
  run(
    'sqlite3',
    [dbPath],
    `pragma journal_mode = wal;\npragma synchronous = full;\ncreate table gigs (${TABLE_COLUMNS});\ncreate table indexed_gigs (${TABLE_COLUMNS});\n${indexed}`,
  );
  const loadMs = timed(() => run('sqlite3', [dbPath], `pragma synchronous = full;\n.import --csv --skip 1 ${quoteDot(csvPath)} gigs\n`));
  const rows = Number(run('sqlite3', [dbPath], 'select count(*) from gigs;\n').trim());
  const indexMs = timed(() =>
    run(
      'sqlite3',
      [dbPath],
      INDEXES('gigs')
        .map((s) => `${s};`)
        .join('\n') + '\n',
    ),
  );
  // The same cache as our connection's (src/db/connection.ts), so that the indexes are kept up to date as ours are.
  const indexedLoadMs = timed(() =>
    run(
      'sqlite3',
      [dbPath],
      `pragma synchronous = full;\npragma cache_size = -16384;\n.import --csv --skip 1 ${quoteDot(csvPath)} indexed_gigs\n`,
    ),
  );
  return { tool: 'sqlite3 .import', loadMs, rows, indexMs, indexedLoadMs };
}

/** `url` is the server's (no search_path): the table is named with its schema. */
export function postgresCopyBaseline(csvPath: string, url: string, schema: string): BaselineResult {
  const table = `${schema}.baseline_gigs`;
  const indexedTable = `${schema}.indexed_gigs`;
  psql(url, `create table ${table} (${TABLE_COLUMNS})`);
  psql(
    url,
    [
      `create table ${indexedTable} (${TABLE_COLUMNS})`,
      ...INDEXES('indexed_gigs').map((s) => s.replace(/ on indexed_gigs/, ` on ${indexedTable}`)),
    ].join(';\n'),
  );
  const loadMs = timed(() => psql(url, `\\copy ${table} from ${quoteSql(csvPath)} with (format csv, header true)`));
  const rows = Number(psql(url, `select count(*) from ${table}`).trim());
  const indexMs = timed(() =>
    psql(
      url,
      INDEXES('baseline_gigs')
        .map((s) => s.replace(/ on baseline_gigs/, ` on ${table}`))
        .join(';\n'),
    ),
  );
  const indexedLoadMs = timed(() => psql(url, `\\copy ${indexedTable} from ${quoteSql(csvPath)} with (format csv, header true)`));
  return { tool: 'psql \\copy', loadMs, rows, indexMs, indexedLoadMs };
}

function psql(url: string, command: string): string {
  return run('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command]);
}

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.error) throw result.error;
  if (result.status !== 0 || result.stderr.trim()) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

function timed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** A file name for a sqlite3 dot-command. */
function quoteDot(path: string): string {
  return `"${path.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function quoteSql(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
