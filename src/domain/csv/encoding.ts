/**
 * Which bytes a CSV file is made of. French spreadsheets save either UTF-8 (LibreOffice, Google
 * Sheets, Excel's "CSV UTF-8", with or without a byte-order mark) or Windows-1252 (Excel's plain
 * "CSV (séparateur: point-virgule)").
 */
export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface EncodingDetection {
  encoding: CsvEncoding;
  bom: boolean;
}

/**
 * Looks at the first bytes of a file. Any byte sequence that is not valid UTF-8 means
 * Windows-1252: that encoding has no invalid bytes, and UTF-8 text almost never looks like it.
 * The head may stop in the middle of a multi-byte character; that is not counted as invalid.
 */
export function detectEncoding(head: Uint8Array): EncodingDetection {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (bom) return { encoding: 'utf-8', bom };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom };
  } catch {
    return { encoding: 'windows-1252', bom };
  }
}

/**
 * Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1: bytes 0x80–0x9F come out as C1
 * control characters instead of €, ’, œ, « … This table gives the Windows-1252 meaning of
 * those bytes (the five unassigned ones keep their ISO-8859-1 value, as the WHATWG spec says).
 */
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';
const C1 = /[\x80-\x9f]/g;

export interface CsvDecoder {
  /** Decodes the next chunk; a character split between chunks comes out whole with the later one. */
  decode(chunk: Uint8Array): string;
  /** Whatever the last chunk left incomplete. */
  end(): string;
}

/**
 * The decoder the app streams a file through, chunk by chunk. A leading BOM is dropped.
 * Windows-1252 is one byte per character, so its chunks never split a character.
 */
export function createCsvDecoder(encoding: CsvEncoding): CsvDecoder {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8');
    return {
      decode: (chunk) => decoder.decode(chunk, { stream: true }),
      end: () => decoder.decode(),
    };
  }
  const decoder = new TextDecoder('latin1');
  return {
    decode: (chunk) => decoder.decode(chunk).replace(C1, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c),
    end: () => '',
  };
}
