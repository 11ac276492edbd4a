import { takeBackFormulaMark } from '../csv-export.js';
import type { IsoDate } from '../dates.js';
import { excerpt } from '../excerpt.js';
import type { Cents } from '../money.js';
import { parseAmount } from './amount.js';
import { parseDate } from './date.js';
import type { FieldOf, ImportKind } from './fields.js';
import { parseDuration, parseGigStatus, type GigStatus } from './gig-values.js';
import { wordsKey } from './headers.js';
import type { ImportPlan } from './import-plan.js';
import type { RejectionReason } from './import-codes.js';
import { MAX_FIELD_CHARS, MAX_RECORD_CHARS, type CsvProblem, type CsvRecord } from './tokenizer.js';

export interface ClientStats {
  gigs?: number;
  revenueCents?: Cents;
  firstDate?: IsoDate;
  lastDate?: IsoDate;
  priceMinCents?: Cents;
  priceMaxCents?: Cents;
}

/** Strings are trimmed and kept as typed otherwise: `=SUM(A1)` or `<b>` is a name like any other. */
export interface ClientRow {
  name: string;
  contact?: string;
  email?: string;
  phone?: string;
  city?: string;
  category?: string;
  notes?: string;
  stats?: ClientStats;
}

export interface GigRow {
  reference?: string;
  date: IsoDate;
  clientName: string;
  amountCents: Cents;
  status: GigStatus;
  type?: string;
  venue?: string;
  city?: string;
  durationMinutes?: number;
  notes?: string;
}

/** Why a record was not imported; `field` and `header` are null when the whole row is at fault. */
export type Rejection = {
  line: number;
  field: string | null;
  header: string | null;
  value: string;
} & RejectionReason;

/** null: the record holds nothing (Excel writes `;;;;` for empty rows); it is neither imported nor reported. */
export type RowResult<T> = { ok: true; value: T } | { ok: false; rejection: Rejection } | null;

/** A footer a spreadsheet user adds under the rows: "TOTAL", "Sous-total 2025", "Total général HT"… */
const TOTAL_START = /^\s*[tsgTSG]/;
const TOTAL_LABEL = /^(?:total|totaux|sous total|grand total|total general|somme)(?: \d+| ht| ttc)*$/;

class RowReader<K extends ImportKind> {
  constructor(
    readonly record: CsvRecord,
    readonly plan: ImportPlan<K>,
  ) {}

  cell(field: FieldOf<K>): string {
    const index = this.plan.mapping[field];
    // The `'` an export put before `=`, `+`, `-`, `@` is the app's own formula guard, not data.
    return index === undefined ? '' : takeBackFormulaMark(this.record.fields[index] ?? '').trim();
  }

  text(field: FieldOf<K>): string | undefined {
    return this.cell(field) || undefined;
  }

  reject(field: FieldOf<K> | null, reason: RejectionReason, value = field ? this.cell(field) : ''): Rejection {
    const index = field ? this.plan.mapping[field] : undefined;
    const header = index === undefined ? null : (this.plan.headers[index] ?? null);
    return { line: this.record.line, field, header: header === null ? null : excerpt(header), value: excerpt(value), ...reason };
  }

  /** The rejections that concern the row as a whole, before any field is read. */
  rowProblem(): Rejection | 'blank' | null {
    if (this.record.problem) return this.unreadable(this.record.problem);
    const fields = this.record.fields;
    const first = fields.find((f) => f.trim() !== '');
    if (first === undefined) return 'blank';
    // Every total label starts with t, s or g: the cheap test spares the normalisation on data rows.
    if (TOTAL_START.test(first) && TOTAL_LABEL.test(wordsKey(first))) return this.reject(null, { code: 'total_row' }, first.trim());
    const width = this.plan.headers.length;
    const extra = fields.slice(width).filter((f) => f.trim() !== '');
    if (extra.length > 0) {
      return this.reject(null, { code: 'too_many_columns', columns: fields.length, expected: width }, extra.join(' | '));
    }
    return null;
  }

  /** A record the tokenizer could not read whole: its line, and an excerpt, are all the report keeps. */
  unreadable(problem: CsvProblem): Rejection {
    if (problem.kind === 'field-too-long') {
      const field =
        (Object.entries(this.plan.mapping) as [FieldOf<K>, number][]).find(([, index]) => index === problem.column)?.[0] ?? null;
      const header = this.plan.headers[problem.column];
      const rejection = this.reject(
        field,
        { code: 'value_too_long', limitKib: MAX_FIELD_CHARS / 1024 },
        this.record.fields[problem.column] ?? '',
      );
      return header === undefined || field !== null ? rejection : { ...rejection, header: excerpt(header) };
    }
    if (problem.kind === 'record-too-long') {
      return this.reject(null, { code: 'line_too_long', limitMib: MAX_RECORD_CHARS / 1024 / 1024 }, problem.excerpt);
    }
    return this.reject(null, { code: 'quote_unclosed', quoteLine: problem.quoteLine, resumeLine: problem.quoteLine + 1 }, problem.excerpt);
  }

  /** Reads an optional amount, date or count: undefined when empty, a rejection when unreadable. */
  amount(field: FieldOf<K>): Cents | undefined | Rejection {
    const value = this.cell(field);
    if (value === '') return undefined;
    const result = parseAmount(value, this.plan.decimal[field] ?? ',');
    return result.ok ? result.cents : this.reject(field, { code: result.code });
  }

  date(field: FieldOf<K>): IsoDate | undefined | Rejection {
    const value = this.cell(field);
    if (value === '') return undefined;
    const result = parseDate(value, this.plan.dateOrder[field] ?? 'dmy');
    return result.ok ? result.date : this.reject(field, { code: result.code });
  }
}

const STAT_AMOUNTS = [
  ['revenueCents', 'statRevenue'],
  ['priceMinCents', 'statPriceMin'],
  ['priceMaxCents', 'statPriceMax'],
] as const;
const STAT_DATES = [
  ['firstDate', 'statFirstDate'],
  ['lastDate', 'statLastDate'],
] as const;

function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'code' in value;
}

export function interpretClientRecord(record: CsvRecord, plan: ImportPlan<'clients'>): RowResult<ClientRow> {
  const row = new RowReader(record, plan);
  const problem = row.rowProblem();
  if (problem === 'blank') return null;
  if (problem) return { ok: false, rejection: problem };

  const name = row.cell('name');
  if (name === '') return { ok: false, rejection: row.reject('name', { code: 'name_missing' }) };

  const stats: ClientStats = {};
  const gigsText = row.cell('statGigs').replace(/\s/g, '');
  if (gigsText !== '') {
    if (!/^\d+$/.test(gigsText)) {
      return { ok: false, rejection: row.reject('statGigs', { code: 'gigs_unreadable' }) };
    }
    stats.gigs = Number(gigsText);
  }
  for (const [key, field] of STAT_AMOUNTS) {
    const cents = row.amount(field);
    if (isRejection(cents)) return { ok: false, rejection: cents };
    if (cents !== undefined) stats[key] = cents;
  }
  for (const [key, field] of STAT_DATES) {
    const date = row.date(field);
    if (isRejection(date)) return { ok: false, rejection: date };
    if (date !== undefined) stats[key] = date;
  }
  return {
    ok: true,
    value: {
      name,
      contact: row.text('contact'),
      email: row.text('email'),
      phone: row.text('phone'),
      city: row.text('city'),
      category: row.text('category'),
      notes: row.text('notes'),
      stats: Object.keys(stats).length > 0 ? stats : undefined,
    },
  };
}

export function interpretGigRecord(record: CsvRecord, plan: ImportPlan<'gigs'>): RowResult<GigRow> {
  const row = new RowReader(record, plan);
  const problem = row.rowProblem();
  if (problem === 'blank') return null;
  if (problem) return { ok: false, rejection: problem };

  const clientName = row.cell('client');
  if (clientName === '') return { ok: false, rejection: row.reject('client', { code: 'client_missing' }) };

  const date = row.date('date');
  if (date === undefined) return { ok: false, rejection: row.reject('date', { code: 'date_missing' }) };
  if (isRejection(date)) return { ok: false, rejection: date };

  const amountField = plan.amountField ?? 'amount';
  const amount = parseAmount(row.cell(amountField), plan.decimal[amountField] ?? ',');
  if (!amount.ok) return { ok: false, rejection: row.reject(amountField, { code: amount.code }) };

  const status = parseGigStatus(row.cell('status'));
  if (status === null) return { ok: false, rejection: row.reject('status', { code: 'status_unreadable' }) };

  const durationText = row.cell('duration');
  const durationMinutes = durationText === '' ? undefined : parseDuration(durationText);
  if (durationMinutes === null) return { ok: false, rejection: row.reject('duration', { code: 'duration_unreadable' }) };

  return {
    ok: true,
    value: {
      reference: row.text('reference'),
      date,
      clientName,
      amountCents: amount.cents,
      status,
      type: row.text('type'),
      venue: row.text('venue'),
      city: row.text('city'),
      durationMinutes,
      notes: row.text('notes'),
    },
  };
}
