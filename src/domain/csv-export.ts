/**
 * CSV written for French Excel: UTF-8 with a BOM (so that Excel reads the accents), `;` (the
 * French list separator), CRLF, every cell quoted. A cell that starts like a formula (`=`, `+`,
 * `-`, `@`, tab, carriage return) gets a leading `'`, so that a client named `=HYPERLINK(…)`
 * stays text in a spreadsheet (OWASP's "CSV injection" advice). The app's own import takes that
 * mark back (`takeBackFormulaMark`), so an export read back keeps every value verbatim.
 * The rejected rows of an import (rejections-csv.ts) are written with it too.
 */
import type { IsoDate } from './dates';
import type { Cents } from './money';

const FORMULA_START = /^[=+\-@\t\r]/;
/** The mark this writer puts before a formula-like cell: `'` followed by one of those characters. */
const FORMULA_MARK = /^'(?=[=+\-@\t\r])/;

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/** One cell: neutralised when it starts like a formula, always quoted, quotes doubled. */
export function csvExportCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One record, with its line end. */
export function csvExportLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvExportCell).join(';') + CSV_EOL;
}

/** A whole small document (the BOM, the header, the rows). Large exports write lines one by one. */
export function csvExportDocument(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + csvExportLine(headers) + rows.map(csvExportLine).join('');
}

/**
 * What the import does to a cell this writer neutralised: `'=SUM(A1)` reads back as `=SUM(A1)`.
 * Only a `'` right before a formula character is taken back; `'06 12…` or `'t` stay as typed.
 */
export function takeBackFormulaMark(cell: string): string {
  return FORMULA_MARK.test(cell) ? cell.slice(1) : cell;
}

/** `14/01/2026`: what French Excel reads as a date. */
export function frenchCsvDate(date: IsoDate | null): string {
  if (date === null) return '';
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** `1250,50`: what French Excel reads as a number (no thousands separator, decimal comma). */
export function frenchCsvAmount(cents: Cents | null): string {
  return cents === null ? '' : decimalCsvAmount(cents).replace('.', ',');
}

/** `1250.50`: the raw decimal, for other tools. Exact from integer cents (no float formatting). */
export function decimalCsvAmount(cents: Cents | null): string {
  if (cents === null) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
