/**
 * The words of an import's codes (rejections, warnings, file problems), drawn from the catalogue by
 * whoever shows them: the web in the reader's language, the CLI in French, `rejected.csv` in the
 * workspace's. Loads no catalogue itself: each side passes its own `t` / `tn`.
 */
import type { Field } from '../domain/csv/fields';
import type { ImportFileProblem, ImportWarning, Rejection } from './imports';
import type { Vars } from './messages/fill';
import type { MessageKey, PluralKey } from './messages/fr';

export interface Wording {
  t: (key: MessageKey, vars?: Vars) => string;
  tn: (key: PluralKey, n: number, vars?: Vars) => string;
  /** An amount in integer cents, as the language writes money. */
  money: (cents: number) => string;
}

/** How many items a warning names before « … et N autres ». */
const NAMED = 20;

/** A rejected row's reason; a report stored before the codes holds its French `message` instead. */
export function rejectionText(r: Rejection | { message: string }, w: Pick<Wording, 't'>): string {
  if ('message' in r) return r.message;
  const { line: _line, field: _field, header: _header, code, ...vars } = r;
  return w.t(`import.reject.${code}`, vars);
}

export function fieldLabel(field: Field, w: Pick<Wording, 't'>): string {
  return w.t(`import.field.${field}`);
}

function listed(items: string[], total: number, w: Pick<Wording, 't'>): string {
  const names = items.join(', ');
  return total > items.length ? w.t('import.createdClientsMore', { names, more: total - items.length }) : names;
}

function quotedHeaders(headers: string[], more: number, w: Pick<Wording, 't'>): string {
  if (headers.length === 0) return w.t('import.headersNone');
  return listed(
    headers.map((header) => w.t('import.headerQuoted', { header })),
    headers.length + more,
    w,
  );
}

export function importWarningText(warning: ImportWarning, w: Wording): string {
  switch (warning.code) {
    case 'dates_mixed':
    case 'dates_ambiguous':
      return w.t(`import.warning.${warning.code}`, { header: warning.header });
    case 'amounts_ambiguous':
      return w.t('import.warning.amounts_ambiguous', { header: warning.header, sample: warning.sample });
    case 'columns_ignored':
      return w.t('import.warning.columns_ignored', { headers: warning.headers.join(', ') });
    case 'emails_invalid': {
      const named = warning.emails.slice(0, NAMED).map((e) => w.t('import.warning.emailAt', e));
      return w.tn('import.warning.emails_invalid', warning.count, { list: listed(named, warning.count, w) });
    }
    case 'stats_mismatch': {
      const named = warning.clients.slice(0, NAMED).map((c) => {
        const parts: string[] = [];
        if (c.fileGigs !== null && c.fileGigs !== c.gigs) parts.push(w.t('import.warning.statsGigs', { file: c.fileGigs, found: c.gigs }));
        if (c.fileRevenueCents !== null && c.fileRevenueCents !== c.revenueCents) {
          parts.push(w.t('import.warning.statsRevenue', { file: w.money(c.fileRevenueCents), found: w.money(c.revenueCents) }));
        }
        return w.t('import.warning.statsClient', { name: c.name, parts: parts.join(' ; ') });
      });
      return w.tn('import.warning.stats_mismatch', warning.count, { list: listed(named, warning.count, w) });
    }
  }
}

/** Why a file cannot be imported, without its name (`import.problem.inFile` adds it). */
export function importFileProblemText(problem: ImportFileProblem, w: Wording): string {
  switch (problem.code) {
    case 'unknown_field':
      return w.t('import.problem.unknown_field', { field: problem.field, fields: problem.fields.join(', ') });
    case 'unknown_header':
      return w.t('import.problem.unknown_header', {
        header: problem.header,
        label: fieldLabel(problem.field, w),
        headers: quotedHeaders(problem.headers, problem.more, w),
      });
    case 'missing_columns':
      return w.tn('import.problem.missing_columns', problem.missing.length, {
        names: problem.missing.map((f) => fieldLabel(f, w)).join(', '),
        headers: quotedHeaders(problem.headers, problem.more, w),
      });
    case 'utf32':
    case 'empty':
      return w.t(`import.problem.${problem.code}`);
    case 'header_too_long':
      return w.t('import.problem.header_too_long', { limitMib: problem.limitMib });
    case 'header_field_too_long':
      return w.t('import.problem.header_field_too_long', { column: problem.column, limitKib: problem.limitKib });
    case 'header_quote_unclosed':
      return w.t('import.problem.header_quote_unclosed', { quoteLine: problem.quoteLine });
  }
}
