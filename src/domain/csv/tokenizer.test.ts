import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spectrumCases } from '../../../test/fixtures/csv/read-fixtures.js';
import { CsvTokenizer, type CsvRecord } from './tokenizer.js';

function tokenize(text: string, delimiter = ',', chunks: string[] = [text]): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter);
  const records = chunks.flatMap((chunk) => tokenizer.push(chunk));
  return [...records, ...tokenizer.end()];
}

const fields = (text: string, delimiter = ',') => tokenize(text, delimiter).map((r) => r.fields);

describe('CsvTokenizer', () => {
  it('reads quoted delimiters, doubled quotes and line breaks, reporting the line a record starts on', () => {
    const records = tokenize('a;b\r\n"x;y";"say ""hi"""\r\n"two\r\nlines";z\r\nlast;one', ';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;y', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'z'] },
      { line: 5, fields: ['last', 'one'] },
    ]);
  });

  it('takes LF, CRLF and lone CR as line ends and skips blank lines without losing the count', () => {
    expect(tokenize('a\n\nb\r\n\r\nc\rd\r\r')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 3, fields: ['b'] },
      { line: 5, fields: ['c'] },
      { line: 6, fields: ['d'] },
    ]);
  });

  it('keeps empty fields, trailing delimiters and rows made of delimiters only', () => {
    expect(fields('a,,c,\n,,\n""\n')).toEqual([['a', '', 'c', ''], ['', '', ''], ['']]);
  });

  it('keeps text after a closing quote and a quote inside an unquoted field, as spreadsheets read them', () => {
    expect(fields('"12" vinyl,5" single\n')).toEqual([['12 vinyl', '5" single']]);
  });

  it('reports a quote still open at the end of the input and reads again from the line after it', () => {
    expect(tokenize('a,"open\nstill open\nb,c')).toEqual([
      { line: 1, fields: [], problem: { kind: 'unclosed-quote', quoteLine: 1, excerpt: 'a,open\nstill open\nb,c' } },
      { line: 2, fields: ['still open'] },
      { line: 3, fields: ['b', 'c'] },
    ]);
    // The record started a line before its unclosed quote: reading starts again after the quote's line.
    expect(tokenize('h,"two\r\nlines",x,"open\r\nz\r\n')).toEqual([
      { line: 1, fields: [], problem: { kind: 'unclosed-quote', quoteLine: 2, excerpt: 'h,two\r\nlines,x,open\r\nz\r\n' } },
      { line: 3, fields: ['z'] },
    ]);
    expect(tokenize('a,b\n1,"x')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], problem: { kind: 'unclosed-quote', quoteLine: 2, excerpt: '1,x' } },
    ]);
  });

  it('takes a quote still open beyond the record limit for an unclosed one, whatever the chunks', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `r${i},v\n`).join('');
    const text = `h,v\n"open\n${rows}end",x\nlast,1\n`;
    const expected = [
      { line: 1, fields: ['h', 'v'] },
      { line: 2, fields: [], problem: { kind: 'unclosed-quote', quoteLine: 2, excerpt: expect.stringMatching(/^open\nr0,v\n/) } },
      ...Array.from({ length: 30 }, (_, i) => ({ line: i + 3, fields: [`r${i}`, 'v'] })),
      { line: 33, fields: ['end"', 'x'] },
      { line: 34, fields: ['last', '1'] },
    ];
    const read = (chunks: string[]) => {
      const tokenizer = new CsvTokenizer(',', { maxRecordChars: 50 });
      return [...chunks.flatMap((c) => tokenizer.push(c)), ...tokenizer.end()];
    };
    expect(read([text])).toEqual(expected);
    expect(read([...text])).toEqual(expected);
  });

  it('skips the rest of a line over the record limit and marks a field over the field limit', () => {
    const tokenizer = new CsvTokenizer(',', { maxRecordChars: 10, maxFieldChars: 4 });
    const records = [...tokenizer.push(`ab\n${'x'.repeat(30)},y\ncd,12345\n0123456789\n01234567890\nok`), ...tokenizer.end()];
    expect(records).toEqual([
      { line: 1, fields: ['ab'] },
      { line: 2, fields: [], problem: { kind: 'record-too-long', excerpt: 'x'.repeat(11) } },
      { line: 3, fields: ['cd', '12345'], problem: { kind: 'field-too-long', column: 1 } },
      { line: 4, fields: ['0123456789'], problem: { kind: 'field-too-long', column: 0 } },
      { line: 5, fields: [], problem: { kind: 'record-too-long', excerpt: '01234567890' } },
      { line: 6, fields: ['ok'] },
    ]);
  });

  it('holds no more than the limit of a 50 MB single line', () => {
    const tokenizer = new CsvTokenizer(';');
    const chunk = 'x'.repeat(1 << 20);
    const records = tokenizer.push('nom;ville\n');
    for (let i = 0; i < 50; i++) records.push(...tokenizer.push(chunk));
    records.push(...tokenizer.push('\nA;B'), ...tokenizer.end());
    expect(records.map((r) => [r.line, r.fields, r.problem?.kind])).toEqual([
      [1, ['nom', 'ville'], undefined],
      [2, [], 'record-too-long'],
      [3, ['A', 'B'], undefined],
    ]);
    expect((records[1]?.problem as { excerpt: string }).excerpt).toHaveLength(201);
  });

  it('drops a byte-order mark left at the start of the text', () => {
    expect(fields('\uFEFFnom;ville\nA;B', ';')).toEqual([
      ['nom', 'ville'],
      ['A', 'B'],
    ]);
  });

  it('reads the same whatever the chunks: split inside a quote, between CR and LF, inside a field', () => {
    const text = 'nom;notes\r\n"Bar ""Le Port""";"ligne 1\r\nligne 2"\r\nGergom;ok\r\n';
    const whole = tokenize(text, ';');
    for (let cut = 0; cut <= text.length; cut++) {
      expect(tokenize(text, ';', [text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(tokenize(text, ';', [...text])).toEqual(whole);
  });

  it('refuses a delimiter it could not tell from quotes or line ends', () => {
    expect(() => new CsvTokenizer('"')).toThrow(RangeError);
    expect(() => new CsvTokenizer(';;')).toThrow(RangeError);
  });
});

describe('csv-spectrum', () => {
  const cases = spectrumCases();

  const read = (csv: string) => {
    const [header, ...rows] = tokenize(csv);
    return rows.map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i]])));
  };

  it.each(cases.filter((c) => c.name !== 'location_coordinates'))('$name reads as its expected JSON', ({ csv, expected }) => {
    expect(read(csv)).toEqual(expected);
  });

  it('location_coordinates reads as its CSV says', () => {
    // The package's JSON for this case is wrong upstream: it is an object rather than an array of
    // rows, and its phone number (1234567890) is not the one in the CSV (2095257564). The CSV
    // holds U+FFFD where a degree sign was lost before it was published; it is kept as is.
    expect(read(cases.find((c) => c.name === 'location_coordinates')!.csv)).toEqual([
      {
        'Contact Phone Number': '2095257564',
        'Location Coordinates': '37\uFFFD36\'37.8"N 121\uFFFD2\'17.9"W',
        Cities: 'Modesto',
        Counties: 'Stanislaus',
      },
    ]);
  });
});

/** RFC 4180 writing: quote a field when it holds a delimiter, a quote or a line break. */
function writeCsv(rows: string[][], delimiter: string, eol: string): string {
  const quote = (f: string) => (/["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replaceAll('"', '""')}"` : f);
  // A row of one empty field would be a blank line: quoting it keeps it a record.
  return rows.map((row) => (row.length === 1 && row[0] === '' ? '""' : row.map(quote).join(delimiter)) + eol).join('');
}

/** Cuts a text at the given positions (taken modulo its length). */
function cut(text: string, positions: number[]): string[] {
  const points = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => text.slice(from, points[i] ?? text.length));
}

describe('CsvTokenizer properties', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '\t', '"', '\r', '\n', '€', 'Z'), maxLength: 8 });
  const table = fc
    .integer({ min: 1, max: 5 })
    .chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));

  it('reads back any table written RFC 4180 style, chunked anywhere, with the line each row starts on', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\r\n', '\n'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, delimiter, eol, positions) => {
          const text = writeCsv(rows, delimiter, eol);
          const records = tokenize(text, delimiter, cut(text, positions));
          expect(records.map((r) => r.fields)).toEqual(rows);
          let line = 1;
          rows.forEach((row, i) => {
            expect(records[i]?.line).toBe(line);
            line += writeCsv([row], delimiter, eol).match(/\r\n|\r|\n/g)?.length ?? 0;
          });
        },
      ),
    );
  });

  it('gives the same records for any text whatever the chunks', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' '), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, positions) => {
        expect(tokenize(t, ',', cut(t, positions))).toEqual(tokenize(t, ','));
      }),
    );
  });

  it('gives the same records whatever the chunks with limits reached, and never loses a line after an unclosed quote', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '\r\n'), maxLength: 60 });
    const read = (chunks: string[]) => {
      const tokenizer = new CsvTokenizer(',', { maxRecordChars: 7, maxFieldChars: 3 });
      return [...chunks.flatMap((c) => tokenizer.push(c)), ...tokenizer.end()];
    };
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, positions) => {
        const whole = read([t]);
        expect(read(cut(t, positions))).toEqual(whole);
        const lines = whole.map((r) => r.line);
        expect([...lines].sort((a, b) => a - b)).toEqual(lines);
      }),
    );
  });
});
