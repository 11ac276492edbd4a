/**
 * The rejected rows of an import as a CSV the user opens in Excel: UTF-8 with a BOM (so that
 * Excel reads the accents), `;` (the French Excel delimiter), CRLF. A cell that starts like a
 * formula gets a leading `'`: a client name typed `=HYPERLINK(…)` must stay text.
 */
export interface RejectedRow {
  line: number;
  field: string | null;
  value: string;
  message: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rejectionsCsv(rows: readonly RejectedRow[]): string {
  const lines = [['Ligne', 'Champ', 'Valeur', 'Raison'], ...rows.map((r) => [String(r.line), r.field ?? '', r.value, r.message])];
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
