import { CsvTokenizer } from './tokenizer.js';

export type Delimiter = ',' | ';' | '\t';

/** Tried in this order; a later one must do strictly better to win. */
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
const SAMPLE_RECORDS = 20;

/**
 * Picks the delimiter from the start of a file. The right one splits the header into several
 * columns and gives every record the header's field count; commas inside French amounts
 * (`1 250,00 €`) or semicolons in notes break that consistency for the wrong candidates.
 */
export function detectDelimiter(headText: string): Delimiter {
  let best: Delimiter = ',';
  let bestAgreeing = 0;
  let bestWidth = 0;
  for (const delimiter of CANDIDATES) {
    const tokenizer = new CsvTokenizer(delimiter);
    // The head may stop mid-record: only complete records count, unless the head is all there is.
    let records = tokenizer.push(headText);
    if (records.length === 0) records = tokenizer.end();
    const sample = records.slice(0, SAMPLE_RECORDS);
    const width = sample[0]?.fields.length ?? 0;
    if (width < 2) continue;
    const agreeing = sample.filter((r) => r.fields.length === width).length / sample.length;
    if (agreeing > bestAgreeing || (agreeing === bestAgreeing && width > bestWidth)) {
      best = delimiter;
      bestAgreeing = agreeing;
      bestWidth = width;
    }
  }
  return best;
}
