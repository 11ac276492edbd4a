/**
 * The rejected rows of an import as a CSV the user opens in Excel, in the one dialect of
 * csv-export.ts: UTF-8 with a BOM, `;`, CRLF, every cell quoted (a spreadsheet splitting on `,`
 * still reads one cell) and a formula-like start neutralised (`=HYPERLINK(…)` stays text).
 */
import { csvExportDocument } from './csv-export';

/** A rejected row, its reason already worded (in the workspace's language). */
export interface RejectedRow {
  line: number;
  field: string | null;
  value: string;
  reason: string;
}

/** The file's words: its column titles, and the line saying how many rows were not kept. */
export interface RejectionsCsvLabels {
  columns: readonly [line: string, field: string, value: string, reason: string];
  notKept: (more: number, kept: number) => string;
}

/** `total`: how many rows were rejected, of which the report kept only the first `rows`. */
export function rejectionsCsv(rows: readonly RejectedRow[], labels: RejectionsCsvLabels, total = rows.length): string {
  const lines = rows.map((r) => [String(r.line), r.field ?? '', r.value, r.reason]);
  if (total > rows.length) lines.push(['', '', '', labels.notKept(total - rows.length, rows.length)]);
  return csvExportDocument([...labels.columns], lines);
}
