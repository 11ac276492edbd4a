import type { Delimiter } from './delimiter.js';
import type { EncodingDetection } from './encoding.js';
import type { Field, ImportKind } from './fields.js';
import type { ImportWarning } from './import-codes.js';
import type { ImportPlan } from './import-plan.js';

export const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const satisfies Record<Delimiter, string>;
export type DelimiterName = (typeof DELIMITER_NAMES)[Delimiter];

/** What was understood of a file, for the import preview: names and codes, worded by the catalogue. */
export interface DetectionSummary {
  encoding: string;
  bom: boolean;
  delimiter: DelimiterName;
  columns: { field: Field; header: string; column: number }[];
  ignored: string[];
  warnings: ImportWarning[];
}

const ENCODING_NAMES: Record<EncodingDetection['encoding'], string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'utf-32le': 'UTF-32 LE',
  'utf-32be': 'UTF-32 BE',
};

export function describeDetection<K extends ImportKind>(
  encoding: EncodingDetection,
  delimiter: Delimiter,
  plan: ImportPlan<K>,
): DetectionSummary {
  const columns = (Object.entries(plan.mapping) as [Field, number][])
    .map(([field, column]) => ({ field, header: plan.headers[column] ?? '', column }))
    .sort((a, b) => a.column - b.column);
  return {
    encoding: ENCODING_NAMES[encoding.encoding],
    bom: encoding.bom,
    delimiter: DELIMITER_NAMES[delimiter],
    columns,
    ignored: plan.ignored,
    warnings: plan.warnings,
  };
}
