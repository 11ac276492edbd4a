/**
 * Which bytes a CSV file is made of. French spreadsheets save either UTF-8 (LibreOffice, Google
 * Sheets, Excel's "CSV UTF-8", with or without a byte-order mark) or Windows-1252 (Excel's plain
 * "CSV (séparateur: point-virgule)"); Excel's "Texte Unicode" is UTF-16 little-endian with tabs.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
/** Recognised so that the user is told, but not read: no spreadsheet saves it, and it is rare. */
export type UnreadableEncoding = 'utf-32le' | 'utf-32be';

export interface EncodingDetection {
  encoding: CsvEncoding | UnreadableEncoding;
  bom: boolean;
}

/** How many bytes the NUL pattern of UTF-16/32 text without a BOM is looked for in. */
const PATTERN_BYTES = 4096;

/**
 * Without a BOM, UTF-16 and UTF-32 show in their NUL bytes: Latin text has a zero high byte in
 * every code unit, at fixed places modulo 2 or 4. Text in UTF-8 or Windows-1252 has no NUL at all.
 */
function wideEncoding(head: Uint8Array): CsvEncoding | UnreadableEncoding | null {
  const length = Math.min(head.length, PATTERN_BYTES) & ~3;
  if (length < 4) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) if (head[i] === 0) zeros[i & 3]!++;
  const [z0, z1, z2, z3] = zeros.map((z) => z / (length / 4)) as [number, number, number, number];
  const high = (z: number) => z > 0.5;
  const low = (z: number) => z < 0.1;
  if (high(z1) && high(z2) && high(z3) && low(z0)) return 'utf-32le';
  if (high(z0) && high(z1) && high(z2) && low(z3)) return 'utf-32be';
  if (high(z1) && high(z3) && low(z0) && low(z2)) return 'utf-16le';
  if (high(z0) && high(z2) && low(z1) && low(z3)) return 'utf-16be';
  return null;
}

/**
 * Looks at the first bytes of a file: a byte-order mark, else the NUL bytes of UTF-16 or UTF-32,
 * else any byte sequence that is not valid UTF-8 means Windows-1252: that encoding has no
 * invalid bytes, and UTF-8 text almost never looks like it. The head may stop in the middle of
 * a multi-byte character; that is not counted as invalid.
 */
export function detectEncoding(head: Uint8Array): EncodingDetection {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bom: true };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bom: true };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', bom: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: true };
  const wide = wideEncoding(head);
  if (wide) return { encoding: wide, bom: false };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
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
 * The decoder the app streams a file through, chunk by chunk. A leading BOM is dropped, and a
 * character (or UTF-16 code unit) split between chunks comes out whole with the later one.
 * Windows-1252 is one byte per character, so its chunks never split a character.
 */
export function createCsvDecoder(encoding: CsvEncoding | UnreadableEncoding): CsvDecoder {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') throw new RangeError(`unreadable CSV encoding: ${encoding}`);
  if (encoding !== 'windows-1252') {
    const decoder = new TextDecoder(encoding);
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
