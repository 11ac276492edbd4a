/**
 * Where an import's time goes, measured from outside src/: the database handed to importFile is
 * wrapped so that every statement (through a Kysely plugin), every bulk load and the commit are
 * timed. Costs a few map operations per statement and per 2,000-row batch, nothing per row.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Database } from '../src/db/connection';

export interface StatementTime {
  sql: string;
  ms: number;
}

export interface ImportPhases {
  /** Before the transaction: the header and the sample that settles each column's conventions. */
  sampleMs: number;
  /**
   * The one read of the file: reading, hashing, interpreting and staging rows (bulkLoadMs of it in
   * the engine's bulk path), and reading it again if the sample guessed a convention wrong.
   */
  readMs: number;
  bulkLoadMs: number;
  commitMs: number;
  totalMs: number;
  statements: StatementTime[];
}

export class PhaseTimer {
  private readonly origin = performance.now();
  private readonly running = new WeakMap<object, { sql: string; start: number }>();
  readonly statements: (StatementTime & { start: number; end: number })[] = [];
  private readonly marks = new Map<string, number>();
  private loadMs = 0;

  mark(name: string): void {
    this.marks.set(name, performance.now() - this.origin);
  }

  /** The database as importFile sees it, with every statement, bulk load and commit timed. */
  wrap(database: Database): Database {
    const plugin = this.plugin();
    return {
      ...database,
      bulkTransaction: async (work) => {
        this.mark('transaction');
        const result = await database.bulkTransaction(async (trx, load) => {
          const timedLoad: typeof load = async (table, columns, rows) => {
            const start = performance.now();
            await load(table, columns, rows);
            this.loadMs += performance.now() - start;
          };
          const value = await work(trx.withPlugin(plugin), timedLoad);
          this.mark('work done');
          return value;
        });
        this.mark('committed');
        return result;
      },
    };
  }

  phases(): ImportPhases {
    const at = (name: string) => this.marks.get(name) ?? Number.NaN;
    const staging = this.statements.find((s) => /^create table "?import_rows/.test(s.sql));
    const indexing = this.statements.find((s) => /^create index import_rows_key/.test(s.sql));
    const readStart = staging?.end ?? at('transaction');
    const readEnd = indexing?.start ?? at('work done');
    return {
      sampleMs: at('transaction') - at('start'),
      readMs: readEnd - readStart,
      bulkLoadMs: this.loadMs,
      commitMs: at('committed') - at('work done'),
      totalMs: at('end') - at('start'),
      statements: this.statements.map(({ sql, ms }) => ({ sql, ms })),
    };
  }

  private plugin(): KyselyPlugin {
    return {
      transformQuery: ({ node, queryId }: PluginTransformQueryArgs): RootOperationNode => {
        this.running.set(queryId, { sql: describe(node), start: performance.now() - this.origin });
        return node;
      },
      transformResult: async ({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
        const run = this.running.get(queryId);
        if (run) {
          const end = performance.now() - this.origin;
          this.statements.push({ sql: run.sql, ms: end - run.start, start: run.start, end });
        }
        return result;
      },
    };
  }
}

/** A statement, recognisably: the text of raw SQL, else its kind and first table. */
function describe(node: RootOperationNode): string {
  if (node.kind === 'RawNode') return node.sqlFragments.join('?').replace(/\s+/g, ' ').trim().slice(0, 140);
  const verb: Record<string, string> = {
    CreateTableNode: 'create table',
    CreateIndexNode: 'create index',
    DropTableNode: 'drop table',
    SelectQueryNode: 'select from',
    InsertQueryNode: 'insert into',
    UpdateQueryNode: 'update',
    DeleteQueryNode: 'delete from',
  };
  return `${verb[node.kind] ?? node.kind} ${firstTable(node) ?? ''} (query builder)`;
}

function firstTable(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as { kind?: string; table?: { identifier?: { name?: string } } };
  if (n.kind === 'TableNode') return n.table?.identifier?.name;
  for (const value of Object.values(node)) {
    const found = firstTable(value);
    if (found) return found;
  }
  return undefined;
}

const STATEMENT_GROUPS: [label: string, pattern: RegExp][] = [
  ['index staged rows', /^create index import_rows_key/],
  ['create unknown clients', /^insert into clients \(workspace_id, name, name_key, created_import_id/],
  ['key rows (join clients, row_number)', /^create temporary table import_keyed/],
  ['index keyed rows', /^create index import_keyed_identity/],
  ['match existing gigs (dedupe, save, update)', /^(delete from import_keyed|insert into import_previous_gigs|update gigs)/],
  ['insert new gigs', /^insert into gigs/],
  [
    'merge clients',
    /^(insert into import_previous_clients|update clients set name|insert into clients \(workspace_id, name, name_key, contact)/,
  ],
  ['refresh client totals', /^(update clients \(query builder\)|update clients set gig_count)/],
  ['stats mismatches check', /^select from (gigs|clients) \(query builder\)/],
  ['drop staging tables', /^drop table/],
];

/** An import's time by phase, in order; what no phase explains is shown too, so the parts add up. */
export function phaseBreakdown(p: ImportPhases): { label: string; ms: number }[] {
  const grouped = new Map<string, number>();
  for (const s of p.statements) {
    const label = STATEMENT_GROUPS.find(([, pattern]) => pattern.test(s.sql))?.[0] ?? 'other statements';
    grouped.set(label, (grouped.get(label) ?? 0) + s.ms);
  }
  const rows = [
    { label: 'read header and sample, settle conventions', ms: p.sampleMs },
    { label: 'read, hash, interpret rows', ms: p.readMs - p.bulkLoadMs },
    { label: 'bulk load into staging', ms: p.bulkLoadMs },
    ...[...STATEMENT_GROUPS.map(([label]) => label), 'other statements']
      .filter((label) => grouped.has(label))
      .map((label) => ({ label: `sql: ${label}`, ms: grouped.get(label) ?? 0 })),
    { label: 'commit', ms: p.commitMs },
  ];
  const explained = rows.reduce((n, r) => n + r.ms, 0);
  return [...rows, { label: 'unaccounted', ms: p.totalMs - explained }];
}
