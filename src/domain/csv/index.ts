export { parseAmount, type AmountResult, type DecimalMark } from './amount.js';
export { AmountColumnProfile, DateColumnProfile, type ColumnDecision } from './column-profile.js';
export { parseDate, type DateOrder, type DateResult } from './date.js';
export { detectDelimiter, type Delimiter } from './delimiter.js';
export { DELIMITER_NAMES, describeDetection, type DelimiterName, type DetectionSummary } from './detection.js';
export {
  createCsvDecoder,
  detectEncoding,
  type CsvDecoder,
  type CsvEncoding,
  type EncodingDetection,
  type UnreadableEncoding,
} from './encoding.js';
export { CLIENT_FIELDS, GIG_FIELDS, type ClientField, type Field, type FieldOf, type GigField, type ImportKind } from './fields.js';
export {
  PLAIN_REJECTION_CODES,
  type ImportFileProblem,
  type ImportFileProblemCode,
  type ImportWarning,
  type PlainRejectionCode,
  type RejectionCode,
  type RejectionReason,
  type StatsMismatchItem,
} from './import-codes.js';
export { parseDuration, parseGigStatus, type GigStatus } from './gig-values.js';
export { headerKey, mapHeaders, shownHeaders, type HeaderMapping, type HeaderProblem, type HeaderResult } from './headers.js';
export { ImportProfiler, profileImport, type GigAmountField, type ImportPlan } from './import-plan.js';
export {
  interpretClientRecord,
  interpretGigRecord,
  type ClientRow,
  type ClientStats,
  type GigRow,
  type Rejection,
  type RowResult,
} from './interpret-rows.js';
export { CsvTokenizer, MAX_FIELD_CHARS, MAX_RECORD_CHARS, type CsvLimits, type CsvProblem, type CsvRecord } from './tokenizer.js';
