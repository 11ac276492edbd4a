import { describe, expect, it } from 'vitest';
import { csvExportCell, csvExportDocument, decimalCsvAmount, frenchCsvAmount, frenchCsvDate, takeBackFormulaMark } from './csv-export';

describe('csv-export', () => {
  it('quotes every cell, doubles quotes and neutralises formula starts', () => {
    expect(csvExportCell('Gergom Events')).toBe('"Gergom Events"');
    expect(csvExportCell('Client "ravi"; à refaire')).toBe('"Client ""ravi""; à refaire"');
    expect(csvExportCell(null)).toBe('""');
    expect(csvExportCell(32)).toBe('"32"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvExportCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvExportCell("'déjà")).toBe(`"'déjà"`);
  });

  it('takes back only its own mark', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(takeBackFormulaMark(`'${start}x`)).toBe(`${start}x`);
    expect(takeBackFormulaMark("'06 12 34 56 78")).toBe("'06 12 34 56 78");
    expect(takeBackFormulaMark("L'Estaminet")).toBe("L'Estaminet");
    expect(takeBackFormulaMark('=x')).toBe('=x');
  });

  it('writes a BOM, ; and CRLF', () => {
    expect(csvExportDocument(['a', 'b'], [['1', '=2']])).toBe('\uFEFF"a";"b"\r\n"1";"\'=2"\r\n');
  });

  it('formats dates and amounts for French Excel and raw', () => {
    expect(frenchCsvDate('2026-01-14')).toBe('14/01/2026');
    expect(frenchCsvDate(null)).toBe('');
    expect(frenchCsvAmount(125_050)).toBe('1250,50');
    expect(decimalCsvAmount(125_050)).toBe('1250.50');
    expect(decimalCsvAmount(5)).toBe('0.05');
    expect(decimalCsvAmount(-5)).toBe('-0.05');
    expect(decimalCsvAmount(4_875_200)).toBe('48752.00');
    expect(decimalCsvAmount(null)).toBe('');
  });
});
