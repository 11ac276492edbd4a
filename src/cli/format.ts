/** Human output of the CLI: French, readable tables. */
import { formatEuros } from '../domain/money';

/** Columns a terminal gives a text: emoji and other wide pictographs take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /\p{Extended_Pictographic}/u.test(ch) ? 2 : /\p{Mark}|\u200d|\ufe0f/u.test(ch) ? 0 : 1;
  return width;
}

export function table(headers: string[], rows: (string | number)[][], alignRight: boolean[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return alignRight[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Euros with ordinary spaces, so that terminals and pipes show them plainly. */
export function euros(cents: number | null): string {
  return cents === null ? '—' : formatEuros(cents).replace(/[\u202F\u00A0]/g, ' ');
}

export function frenchDate(iso: string | null): string {
  if (iso === null) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A figure with one decimal, the French way (`8,5`). */
export function decimal1(n: number): string {
  return n.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** French number agreement: 0 and 1 take the singular (« 0 prestation », « 1,5 jour »). */
export const isPlural = (n: number): boolean => n >= 2;

/** `n` and the words agreeing with it: `count(1, 'relance', 'relances')` → `1 relance`. */
export function count(n: number, one: string, other: string): string {
  return `${n} ${isPlural(n) ? other : one}`;
}

/** A participle or adjective agreeing in gender and number: `mis` → `mis`, `mise`, `mises`; `rejeté` → `rejetés`. */
export function agreeing(word: string, feminine: boolean, plural: boolean): string {
  const gendered = feminine ? `${word}e` : word;
  return plural && !gendered.endsWith('s') ? `${gendered}s` : gendered;
}
