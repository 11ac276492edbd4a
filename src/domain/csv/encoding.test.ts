import { describe, expect, it } from 'vitest';
import { createCsvDecoder, detectEncoding } from './encoding.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('detectEncoding', () => {
  it('sees UTF-8 with and without a BOM, and plain ASCII as UTF-8', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('nom;ville')]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(utf8('nom,ville\nLa Taverne des Écrins,Briançon'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(utf8('a,b'))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('does not count a character cut at the end of the head as invalid', () => {
    const bytes = utf8('Soirée');
    expect(detectEncoding(bytes.slice(0, 5))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('takes invalid UTF-8 for Windows-1252', () => {
    expect(detectEncoding(Uint8Array.from([0x53, 0x6f, 0x69, 0x72, 0xe9, 0x65]))).toEqual({ encoding: 'windows-1252', bom: false });
    expect(detectEncoding(Uint8Array.from([0x38, 0x30, 0xa0, 0x80]))).toEqual({ encoding: 'windows-1252', bom: false });
  });
});

/** UTF-16 or UTF-32 bytes of a text, as Excel's "Unicode text" and other tools write them. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const all = (bom ? '\uFEFF' : '') + text;
  const units = Array.from({ length: all.length }, (_, i) => all.charCodeAt(i));
  return Uint8Array.from(units.flatMap((u) => (order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff])));
}
function utf32(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const points = [...(bom ? '\uFEFF' : ''), ...text].map((ch) => ch.codePointAt(0)!);
  const bytes = (p: number) => [p & 0xff, (p >> 8) & 0xff, (p >> 16) & 0xff, p >>> 24];
  return Uint8Array.from(points.flatMap((p) => (order === 'le' ? bytes(p) : bytes(p).reverse())));
}

describe('detectEncoding of UTF-16 and UTF-32', () => {
  const text = 'Date\tClient\tMontant\r\n14/01/2026\tCafé des Écrins\t250\r\n';

  it('sees UTF-16 little- and big-endian, with or without a BOM', () => {
    expect(detectEncoding(utf16(text, 'le', true))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(utf16(text, 'le', false))).toEqual({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(utf16(text, 'be', true))).toEqual({ encoding: 'utf-16be', bom: true });
    expect(detectEncoding(utf16(text, 'be', false))).toEqual({ encoding: 'utf-16be', bom: false });
  });

  it('sees UTF-32 little- and big-endian, with or without a BOM', () => {
    expect(detectEncoding(utf32(text, 'le', true))).toEqual({ encoding: 'utf-32le', bom: true });
    expect(detectEncoding(utf32(text, 'le', false))).toEqual({ encoding: 'utf-32le', bom: false });
    expect(detectEncoding(utf32(text, 'be', true))).toEqual({ encoding: 'utf-32be', bom: true });
    expect(detectEncoding(utf32(text, 'be', false))).toEqual({ encoding: 'utf-32be', bom: false });
  });

  it('decodes UTF-16 chunk by chunk, a character split anywhere, without the BOM', () => {
    for (const order of ['le', 'be'] as const) {
      const bytes = utf16(`${text}🎧`, order, true);
      const decoder = createCsvDecoder(`utf-16${order}`);
      expect([...bytes].map((b) => decoder.decode(Uint8Array.of(b))).join('') + decoder.end()).toBe(`${text}🎧`);
    }
  });
});

describe('createCsvDecoder', () => {
  it('decodes the Windows-1252 bytes 0x80–0x9F that Node 20 reads as Latin-1', () => {
    const decoder = createCsvDecoder('windows-1252');
    expect(decoder.decode(Uint8Array.from([0x80, 0x20, 0x92, 0x8c, 0x9c, 0xab, 0xe9, 0x81])) + decoder.end()).toBe('€ ’Œœ«é\x81');
  });

  it('joins a UTF-8 character split between chunks and drops the BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Écrins €')]);
    const decoder = createCsvDecoder('utf-8');
    const text = [...bytes].map((b) => decoder.decode(Uint8Array.of(b))).join('') + decoder.end();
    expect(text).toBe('Écrins €');
  });
});
