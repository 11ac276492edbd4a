/**
 * The rejected rows of an import as a CSV the user opens in Excel, in the one dialect of
 * csv-export.ts: UTF-8 with a BOM, `;`, CRLF, every cell quoted (a spreadsheet splitting on `,`
 * still reads one cell) and a formula-like start neutralised (`=HYPERLINK(…)` stays text).
 */
import { csvExportDocument } from './csv-export';

export interface RejectedRow {
  line: number;
  field: string | null;
  value: string;
  message: string;
}

/** `total`: how many rows were rejected, of which the report kept only the first `rows`. */
export function rejectionsCsv(rows: readonly RejectedRow[], total = rows.length): string {
  const lines = rows.map((r) => [String(r.line), r.field ?? '', r.value, r.message]);
  if (total > rows.length)
    lines.push([
      '',
      '',
      '',
      `… et ${total - rows.length} autres lignes rejetées, non conservées (seules les ${rows.length} premières le sont)`,
    ]);
  return csvExportDocument(['Ligne', 'Champ', 'Valeur', 'Raison'], lines);
}
