/**
 * What an import says about a file, as codes and their figures: the message catalogue words them
 * (`import.reject.<code>`, `import.warning.<code>`, `import.problem.<code>`), in French for the CLI
 * and in the reader's language in the web. Values quoted are already cut to an excerpt.
 */
import type { Field } from './fields.js';

/** Reasons that need nothing but the rejected value. */
export const PLAIN_REJECTION_CODES = [
  'total_row',
  'name_missing',
  'client_missing',
  'date_missing',
  'date_unreadable',
  'date_impossible',
  'amount_missing',
  'amount_negative',
  'amount_unreadable',
  'amount_decimals',
  'amount_too_large',
  'gigs_unreadable',
  'status_unreadable',
  'duration_unreadable',
] as const;
export type PlainRejectionCode = (typeof PLAIN_REJECTION_CODES)[number];

/** Why a record was not imported. */
export type RejectionReason =
  | { code: PlainRejectionCode }
  | { code: 'too_many_columns'; columns: number; expected: number }
  | { code: 'value_too_long'; limitKib: number }
  | { code: 'line_too_long'; limitMib: number }
  | { code: 'quote_unclosed'; quoteLine: number; resumeLine: number }
  | { code: 'client_repeated'; firstLine: number };
export type RejectionCode = RejectionReason['code'];

/** One client whose file statistics differ from its gigs (null: the file gave no such figure). */
export interface StatsMismatchItem {
  name: string;
  fileGigs: number | null;
  gigs: number;
  fileRevenueCents: number | null;
  revenueCents: number;
}

/** What an import read by a default rather than by proof, or kept while doubting it. */
export type ImportWarning =
  | { code: 'dates_mixed'; header: string }
  | { code: 'dates_ambiguous'; header: string }
  | { code: 'amounts_ambiguous'; header: string; sample: string }
  | { code: 'columns_ignored'; headers: string[] }
  | { code: 'emails_invalid'; count: number; emails: { line: number; value: string }[] }
  | { code: 'stats_mismatch'; count: number; clients: StatsMismatchItem[] };

/**
 * Why a file cannot be imported at all. `headers` are the first headers read (excerpts) and
 * `more` how many others there are.
 */
export type ImportFileProblem =
  | { code: 'unknown_field'; field: string; fields: string[] }
  | { code: 'unknown_header'; field: Field; header: string; headers: string[]; more: number }
  | { code: 'missing_columns'; missing: Field[]; headers: string[]; more: number }
  | { code: 'utf32' }
  | { code: 'empty' }
  | { code: 'header_too_long'; limitMib: number }
  | { code: 'header_field_too_long'; column: number; limitKib: number }
  | { code: 'header_quote_unclosed'; quoteLine: number };
export type ImportFileProblemCode = ImportFileProblem['code'];
