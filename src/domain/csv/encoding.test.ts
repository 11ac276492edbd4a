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
