import type { DecimalMark } from './amount.js';
import { AmountColumnProfile, DateColumnProfile } from './column-profile.js';
import type { DateOrder } from './date.js';
import { AMOUNT_FIELDS, DATE_FIELDS, type FieldOf, type ImportKind } from './fields.js';
import type { ImportWarning } from './import-codes.js';
import { GIG_AMOUNT_PREFERENCE, mapHeaders, type HeaderMapping, type HeaderResult } from './headers.js';
import type { CsvRecord } from './tokenizer.js';

export type GigAmountField = (typeof GIG_AMOUNT_PREFERENCE)[number];

/** Everything pass 2 needs to read the rows of one file. */
export interface ImportPlan<K extends ImportKind> {
  kind: K;
  headers: string[];
  mapping: HeaderMapping<K>;
  ignored: string[];
  /** For gigs, the amount column taken as revenue: HT when the file has it. */
  amountField?: GigAmountField;
  dateOrder: Partial<Record<FieldOf<K>, DateOrder>>;
  decimal: Partial<Record<FieldOf<K>, DecimalMark>>;
  /** One per column read by a default rather than by proof. */
  warnings: ImportWarning[];
}

type HeaderFailure<K extends ImportKind> = Extract<HeaderResult<K>, { ok: false }>;

/**
 * Pass 1 of an import: built from the header record, fed every later record, it settles each
 * date and amount column's conventions. Memory stays constant whatever the file's size.
 */
export class ImportProfiler<K extends ImportKind> {
  readonly #dates: [FieldOf<K>, number, DateColumnProfile][] = [];
  readonly #amounts: [FieldOf<K>, number, AmountColumnProfile][] = [];

  constructor(
    readonly kind: K,
    readonly headers: string[],
    readonly mapping: HeaderMapping<K>,
    readonly ignored: string[],
  ) {
    for (const [field, index] of Object.entries(mapping) as [FieldOf<K>, number][]) {
      const header = headers[index] ?? field;
      if (DATE_FIELDS.has(field)) this.#dates.push([field, index, new DateColumnProfile(header)]);
      if (AMOUNT_FIELDS.has(field)) this.#amounts.push([field, index, new AmountColumnProfile(header)]);
    }
  }

  /** Every record after the header. */
  observe(record: CsvRecord): void {
    // A record the tokenizer could not read whole is rejected in pass 2; it settles nothing.
    if (record.problem) return;
    for (const [, index, profile] of this.#dates) profile.observe(record.fields[index] ?? '');
    for (const [, index, profile] of this.#amounts) profile.observe(record.fields[index] ?? '');
  }

  plan(): ImportPlan<K> {
    const dateOrder: Partial<Record<FieldOf<K>, DateOrder>> = {};
    const decimal: Partial<Record<FieldOf<K>, DecimalMark>> = {};
    const warnings: ImportWarning[] = [];
    for (const [field, , profile] of this.#dates) {
      const decision = profile.decide();
      dateOrder[field] = decision.value;
      if (decision.warning) warnings.push(decision.warning);
    }
    for (const [field, , profile] of this.#amounts) {
      const decision = profile.decide();
      decimal[field] = decision.value;
      if (decision.warning) warnings.push(decision.warning);
    }
    const mapped = this.mapping as Partial<Record<string, number>>;
    const amountField = this.kind === 'gigs' ? GIG_AMOUNT_PREFERENCE.find((f) => mapped[f] !== undefined) : undefined;
    return {
      kind: this.kind,
      headers: this.headers,
      mapping: this.mapping,
      ignored: this.ignored,
      ...(amountField ? { amountField } : {}),
      dateOrder,
      decimal,
      warnings,
    };
  }
}

/**
 * Starts an import from its header record: maps the columns (or says which are missing) and
 * returns the profiler for pass 1.
 */
export function profileImport<K extends ImportKind>(
  kind: K,
  headerRecord: CsvRecord,
  overrides: Readonly<Record<string, string>> = {},
): { ok: true; profiler: ImportProfiler<K> } | HeaderFailure<K> {
  const headers = mapHeaders(kind, headerRecord.fields, overrides);
  if (!headers.ok) return headers;
  return { ok: true, profiler: new ImportProfiler(kind, headerRecord.fields, headers.mapping, headers.ignored) };
}
