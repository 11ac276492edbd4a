/**
 * Every AppError the application or the server raises takes its words from the message catalogue
 * (`AppError.worded` / `AppError.composed`, docs/decisions/016), so that the API answers in the
 * request's language: a French literal given to `new AppError(` would reach the English interface.
 * The CLI's own texts (src/cli) are French by design and not scanned.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SCANNED = ['src/app', 'src/server'];

/** `new AppError(code, 'text'…)` or with a template literal: the message argument is written out. */
const LITERAL_MESSAGE = /new\s+AppError\(\s*[^,()]+,\s*['"`]/g;

function sourcesUnder(dir: string): string[] {
  return readdirSync(`${ROOT}${dir}`, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('test-'))
    .map((f) => `${dir}/${f}`);
}

function literalAppErrors(source: string): string[] {
  return [...source.matchAll(LITERAL_MESSAGE)].map((m) => {
    const line = source.slice(0, m.index).split('\n').length;
    return `line ${line}: ${m[0].replace(/\s+/g, ' ')}`;
  });
}

describe('lint: AppError messages come from the catalogue', () => {
  it('finds a literal message, in quotes or a template, on one line or several', () => {
    expect(literalAppErrors("throw new AppError('not_found', 'Client introuvable.');")).toHaveLength(1);
    expect(literalAppErrors('throw new AppError("conflict", "Déjà là.");')).toHaveLength(1);
    expect(literalAppErrors("throw new AppError(\n  'usage',\n  `Date ${d} invalide`,\n);")).toEqual(["line 1: new AppError( 'usage', `"]);
    expect(literalAppErrors("throw AppError.worded('not_found', 'error.clientNotFound');")).toEqual([]);
    expect(literalAppErrors('return new AppError(code, message(lang, key), details);')).toEqual([]);
  });

  it.each(SCANNED.flatMap(sourcesUnder))('%s gives no AppError a written-out message', (file) => {
    expect(literalAppErrors(readFileSync(`${ROOT}${file}`, 'utf8'))).toEqual([]);
  });
});
