import type { Delimiter } from './delimiter.js';
import type { EncodingDetection } from './encoding.js';
import { FIELD_LABELS, type Field, type ImportKind } from './fields.js';
import type { ImportPlan } from './import-plan.js';

export interface DetectionSummary {
  encoding: string;
  delimiter: string;
  columns: { field: Field; label: string; header: string; column: number }[];
  ignored: string[];
  warnings: string[];
}

const ENCODING_NAMES: Record<EncodingDetection['encoding'], string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'utf-32le': 'UTF-32 LE',
  'utf-32be': 'UTF-32 BE',
};
const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'virgule', ';': 'point-virgule', '\t': 'tabulation' };

/** What was understood of a file, in French, for the import preview. */
export function describeDetection<K extends ImportKind>(
  encoding: EncodingDetection,
  delimiter: Delimiter,
  plan: ImportPlan<K>,
): DetectionSummary {
  const columns = (Object.entries(plan.mapping) as [Field, number][])
    .map(([field, column]) => ({ field, label: FIELD_LABELS[field], header: plan.headers[column] ?? '', column }))
    .sort((a, b) => a.column - b.column);
  return {
    encoding: `${ENCODING_NAMES[encoding.encoding]}${encoding.bom ? ' (avec BOM)' : ''}`,
    delimiter: DELIMITER_NAMES[delimiter],
    columns,
    ignored: plan.ignored,
    warnings: plan.warnings,
  };
}
