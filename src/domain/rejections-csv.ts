/**
 * The rejected rows of an import as a CSV the user opens in Excel: UTF-8 with a BOM (so that
 * Excel reads the accents), `;` (the French Excel delimiter), CRLF. Every cell is quoted, so that a
 * spreadsheet splitting on another delimiter (`,` in many locales) still reads one cell, and a cell
 * that starts like a formula gets a leading `'`: a client name typed `=HYPERLINK(…)` must stay text.
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
  return `"${safe.replace(/"/g, '""')}"`;
}

/** `total`: how many rows were rejected, of which the report kept only the first `rows`. */
export function rejectionsCsv(rows: readonly RejectedRow[], total = rows.length): string {
  const lines = [['Ligne', 'Champ', 'Valeur', 'Raison'], ...rows.map((r) => [String(r.line), r.field ?? '', r.value, r.message])];
  if (total > rows.length) lines.push(['', '', '', `… et ${total - rows.length} autres lignes rejetées, non conservées (seules les ${rows.length} premières le sont)`]);
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
