import { excerpt } from '../excerpt.js';

/** The largest record read (in characters, line breaks inside quotes included): 1 MiB. */
export const MAX_RECORD_CHARS = 1024 * 1024;
/** The largest field read: 64 KiB. */
export const MAX_FIELD_CHARS = 64 * 1024;

/** Why a record could not be read as fields; its fields are then empty or not to be used. */
export type CsvProblem =
  /** Over the record limit outside any quote: the rest of its physical line is skipped. */
  | { kind: 'record-too-long'; excerpt: string }
  /** One field over the field limit; the record is whole but is not to be imported. */
  | { kind: 'field-too-long'; column: number }
  /**
   * A quote that opened on `quoteLine` was still open at the end of the file, beyond the record
   * limit or beyond the field limit: the record is dropped and reading starts again on the line
   * after `quoteLine`.
   */
  | { kind: 'unclosed-quote'; quoteLine: number; excerpt: string };

/** One CSV record and the physical line (1 = first line of the file) where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
  problem?: CsvProblem;
}

export interface CsvLimits {
  maxRecordChars: number;
  maxFieldChars: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of a doubled quote or the closing one. */
  QuoteInQuoted,
  /** The rest of a physical line that is not read (a record over the limit). */
  Skip,
}

/**
 * Incremental RFC 4180 reader, tolerant of what spreadsheets really write: CRLF, LF or lone CR
 * line ends, line breaks inside quoted fields, blank lines (skipped), and text after a closing
 * quote (kept, as Excel does when it reads such a file back). Chunks may be cut anywhere.
 *
 * Bounded: a record over `maxRecordChars` is never held (the rest of its line is skipped) and a
 * quote still open at that point, `maxFieldChars` after it, or at the end of the input, is taken
 * as a typing mistake (no spreadsheet cell holds that much): its
 * record is reported and reading starts again on the line after the quote's, so one stray `"`
 * cannot swallow the rest of a file. The text kept to read again is at most one record.
 *
 * Speed matters (a million rows in the benchmark): one pass over char codes, fields are slices
 * of the chunk, and strings are only concatenated when a field straddles two chunks or holds
 * a doubled quote.
 */
export class CsvTokenizer {
  readonly #delimiter: number;
  readonly #maxRecord: number;
  readonly #maxField: number;
  /** Where a long unquoted field, a long quoted one, or a skipped line may end: searched rather than walked. */
  readonly #unquotedEnd: RegExp;
  readonly #quotedEnd = /["\r\n]/g;
  readonly #lineEnd = /[\r\n]/g;
  #state = State.FieldStart;
  #fields: string[] = [];
  /** The part of the current field already read from earlier chunks or before a doubled quote. */
  #field = '';
  #line = 1;
  #recordLine = 1;
  /** Characters of the current record read in earlier chunks. */
  #recordChars = 0;
  /** The first column over the field limit in the current record, or -1. */
  #longField = -1;
  /** While a quote is open: the line it opened on, and the text from it to the end of earlier chunks. */
  #quoteLine = 0;
  #quoteText = '';
  /** The last character was a CR, so a LF right after it ends the same line. */
  #afterCr = false;
  #started = false;

  constructor(delimiter: string, limits: Partial<CsvLimits> = {}) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new RangeError(`unusable CSV delimiter: ${JSON.stringify(delimiter)}`);
    }
    this.#delimiter = delimiter.charCodeAt(0);
    this.#maxRecord = limits.maxRecordChars ?? MAX_RECORD_CHARS;
    this.#maxField = limits.maxFieldChars ?? MAX_FIELD_CHARS;
    this.#unquotedEnd = new RegExp(`[${delimiter.replace(/[\\\]^-]/g, '\\$&')}\\r\\n]`, 'g');
  }

  /** The index before the next match of `re` in `s` from `from`, or before `stop`: where the loop goes on. */
  static #jump(re: RegExp, s: string, from: number, stop: number): number {
    re.lastIndex = from;
    const m = re.exec(s);
    return (m === null ? stop : Math.min(m.index, stop)) - 1;
  }

  push(text: string): CsvRecord[] {
    let s = text;
    if (!this.#started && s.length > 0) {
      this.#started = true;
      // TextDecoder drops the BOM, but a caller that decodes otherwise may hand it over.
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const out: CsvRecord[] = [];
    this.#read(s, 0, out);
    return out;
  }

  /** Ends the input: a last record without a final line break is returned here. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    // A quote open at the end of the input: report it, then read again after its line (which may
    // open another quote, hence the loop; each turn starts at least one line further).
    while (this.#state === State.Quoted) {
      const text = this.#quoteText;
      out.push(this.#unclosed(this.#field));
      this.#restartAfterQuote();
      this.#read(text, 1, out);
    }
    if (this.#state !== State.Skip && (this.#state !== State.FieldStart || this.#fields.length > 0)) {
      this.#fields.push(this.#field);
      if (this.#field.length > this.#maxField && this.#longField < 0) this.#longField = this.#fields.length - 1;
      out.push(this.#record(this.#recordLine, this.#fields));
    }
    this.#state = State.FieldStart;
    this.#fields = [];
    this.#field = '';
    this.#longField = -1;
    this.#recordChars = 0;
    return out;
  }

  #record(line: number, fields: string[]): CsvRecord {
    const long = this.#longField;
    this.#longField = -1;
    return long < 0 ? { line, fields } : { line, fields, problem: { kind: 'field-too-long', column: long } };
  }

  #excerpt(fields: string[], current: string): string {
    let text = '';
    for (const f of [...fields, current]) {
      text += (text === '' ? '' : String.fromCharCode(this.#delimiter)) + excerpt(f);
      if (text.length > 200) break;
    }
    return excerpt(text);
  }

  #unclosed(current: string): CsvRecord {
    return {
      line: this.#recordLine,
      fields: [],
      problem: { kind: 'unclosed-quote', quoteLine: this.#quoteLine, excerpt: this.#excerpt(this.#fields, current) },
    };
  }

  /** Drops the record of an unclosed quote and skips the rest of the quote's line. */
  #restartAfterQuote(): void {
    this.#state = State.Skip;
    this.#line = this.#quoteLine;
    this.#fields = [];
    this.#field = '';
    this.#longField = -1;
    this.#quoteText = '';
    this.#recordChars = 0;
    this.#afterCr = false;
  }

  /** Reads `s` from `from`; whatever is left unfinished waits in the tokenizer for the next chunk. */
  #read(text: string, from: number, out: CsvRecord[]): void {
    let s = text;
    const d = this.#delimiter;
    const maxRecord = this.#maxRecord;
    const maxField = this.#maxField;
    let n = s.length;
    let state = this.#state;
    let fields = this.#fields;
    let field = this.#field;
    let line = this.#line;
    let recordLine = this.#recordLine;
    let afterCr = this.#afterCr;
    let segStart = from;
    /** Where the current record starts in `s` (negative: in an earlier chunk). */
    let recordStart = from - this.#recordChars;
    /** Where the open quote is in `s`, or -1 when it opened in an earlier chunk. */
    let quoteAt = -1;
    let i = from;

    for (;;) {
      // The loop stops at the first character beyond the record limit, or beyond the field limit
      // inside a quote (counted from the quote), if this chunk holds it.
      let stop = state === State.Skip ? n : Math.min(n, recordStart + maxRecord + 1);
      if (state === State.Quoted || state === State.QuoteInQuoted) {
        stop = Math.min(stop, (quoteAt >= 0 ? quoteAt : -this.#quoteText.length) + maxField + 2);
      }
      for (; i < stop; i++) {
        const c = s.charCodeAt(i);
        switch (state) {
          case State.FieldStart:
            if (c === d) {
              fields.push('');
            } else if (c === CR || c === LF) {
              if (!(c === LF && afterCr)) {
                // A break right after a delimiter ends a record whose last field is empty;
                // a break with nothing before it is a blank line.
                if (fields.length > 0) {
                  fields.push('');
                  this.#longFieldIn(fields, maxField);
                  out.push(this.#record(recordLine, fields));
                  fields = [];
                }
                line++;
                recordLine = line;
              }
              recordStart = i + 1;
              stop = Math.min(n, recordStart + maxRecord + 1);
            } else if (c === QUOTE) {
              state = State.Quoted;
              segStart = i + 1;
              quoteAt = i;
              this.#quoteLine = line;
              stop = Math.min(stop, i + maxField + 2);
            } else {
              state = State.Unquoted;
              segStart = i;
            }
            break;
          case State.Unquoted:
            if (c === d) {
              fields.push(field + s.slice(segStart, i));
              field = '';
              this.#longFieldIn(fields, maxField);
              state = State.FieldStart;
            } else if (c === CR || c === LF) {
              fields.push(field + s.slice(segStart, i));
              field = '';
              this.#longFieldIn(fields, maxField);
              out.push(this.#record(recordLine, fields));
              fields = [];
              line++;
              recordLine = line;
              recordStart = i + 1;
              stop = Math.min(n, recordStart + maxRecord + 1);
              state = State.FieldStart;
            } else if (i - segStart > 32) {
              i = CsvTokenizer.#jump(this.#unquotedEnd, s, i + 1, stop);
            }
            break;
          case State.Quoted:
            if (c === QUOTE) {
              field += s.slice(segStart, i);
              state = State.QuoteInQuoted;
            } else if (c === CR || (c === LF && !afterCr)) {
              line++;
            } else if (i - segStart > 32) {
              i = CsvTokenizer.#jump(this.#quotedEnd, s, i + 1, stop);
            }
            break;
          case State.QuoteInQuoted:
            if (c === QUOTE) {
              // A doubled quote: the second one is content, and the field goes on from it.
              state = State.Quoted;
              segStart = i;
              break;
            }
            this.#quoteText = '';
            quoteAt = -1;
            stop = Math.min(n, recordStart + maxRecord + 1);
            if (c === d) {
              fields.push(field);
              field = '';
              this.#longFieldIn(fields, maxField);
              state = State.FieldStart;
            } else if (c === CR || c === LF) {
              fields.push(field);
              field = '';
              this.#longFieldIn(fields, maxField);
              out.push(this.#record(recordLine, fields));
              fields = [];
              line++;
              recordLine = line;
              recordStart = i + 1;
              stop = Math.min(n, recordStart + maxRecord + 1);
              state = State.FieldStart;
            } else {
              state = State.Unquoted;
              segStart = i;
            }
            break;
          case State.Skip:
            if (c === CR || c === LF) {
              if (!(c === LF && afterCr)) {
                line++;
                recordLine = line;
              }
              recordStart = i + 1;
              state = State.FieldStart;
              stop = Math.min(n, recordStart + maxRecord + 1);
            } else {
              i = CsvTokenizer.#jump(this.#lineEnd, s, i + 1, stop);
            }
            break;
        }
        afterCr = c === CR;
      }
      if (i >= n) break;

      // The record, or a quoted field, passed its limit at `i`.
      if (state === State.Quoted || state === State.QuoteInQuoted) {
        // Taken as a quote left open: read again from its line's end, with what followed it.
        const replay = quoteAt >= 0 ? s.slice(quoteAt) : this.#quoteText + s;
        this.#fields = fields;
        this.#recordLine = recordLine;
        out.push(this.#unclosed(state === State.Quoted ? field + s.slice(segStart, i) : field));
        this.#restartAfterQuote();
        state = State.Skip;
        fields = [];
        field = '';
        line = this.#line;
        afterCr = false;
        s = replay;
        n = s.length;
        i = 1;
        quoteAt = -1;
        continue;
      }
      const current = state === State.Unquoted ? field + s.slice(segStart, i) : field;
      out.push({ line: recordLine, fields: [], problem: { kind: 'record-too-long', excerpt: this.#excerpt(fields, current) } });
      fields = [];
      field = '';
      this.#longField = -1;
      state = State.Skip;
    }

    if (state === State.Unquoted || state === State.Quoted) field += s.slice(segStart, n);
    if (state === State.Quoted || state === State.QuoteInQuoted) this.#quoteText = quoteAt >= 0 ? s.slice(quoteAt) : this.#quoteText + s;
    this.#state = state;
    this.#fields = fields;
    this.#field = field;
    this.#line = line;
    this.#recordLine = recordLine;
    this.#recordChars = state === State.Skip ? 0 : n - recordStart;
    this.#afterCr = afterCr;
  }

  /** Notes the field just pushed when it is the record's first one over the limit. */
  #longFieldIn(fields: string[], maxField: number): void {
    if (this.#longField < 0 && fields[fields.length - 1]!.length > maxField) this.#longField = fields.length - 1;
  }
}
