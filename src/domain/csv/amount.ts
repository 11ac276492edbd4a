import type { Cents } from '../money.js';

export type DecimalMark = ',' | '.';

export type AmountResult =
  | { ok: true; cents: Cents }
  | { ok: false; code: 'amount_missing' | 'amount_negative' | 'amount_unreadable' | 'amount_decimals' | 'amount_too_large' };

/** Every space a spreadsheet may put between thousands: regular, no-break, narrow no-break, thin. */
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;
/** Currency and tax words written around the figure: `€80`, `EUR 80`, `80 € HT`. */
const BEFORE = /^(?:€|eur) ?/i;
const AFTER = / ?(?:€|eur|euros?)? ?(?:ht|ttc)?$/i;
/** Spaces are only allowed between groups of three digits: `80 90` is two numbers, not 8 090. */
const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+(?:[.,]\d*)?$/;
const MINUS = /^[-\u2212]|^\(.*\)$/;

/** An amount without its spaces and currency or tax words: what is left should be the figure. */
export function amountFigure(text: string): string {
  const figure = text.replace(SPACES, ' ').trim().replace(BEFORE, '').replace(AFTER, '');
  return figure.includes(' ') && !SPACE_GROUPED.test(figure) ? figure : figure.replaceAll(' ', '');
}

/**
 * Splits the separators of a figure made of digits, `.` and `,` into its integer and decimal
 * digits, or null when it is no number. A figure with both marks shows which is the decimal
 * one (the last); a mark repeated is a thousands separator; a lone mark is the decimal one,
 * except the other mark followed by exactly three digits, read as thousands (`1.250` when the
 * column uses decimal commas). `decimal` therefore only settles `1,250` against `1.250`.
 */
function splitFigure(figure: string, decimal: DecimalMark): { whole: string; fraction: string } | null {
  if (!/^[0-9.,]*[0-9][0-9.,]*$/.test(figure)) return null;
  const lastComma = figure.lastIndexOf(',');
  const lastDot = figure.lastIndexOf('.');
  let mark: DecimalMark | null;
  if (lastComma >= 0 && lastDot >= 0) {
    mark = lastComma > lastDot ? ',' : '.';
  } else if (lastComma < 0 && lastDot < 0) {
    mark = null;
  } else {
    const only: DecimalMark = lastComma >= 0 ? ',' : '.';
    const last = Math.max(lastComma, lastDot);
    const repeated = figure.indexOf(only) !== last;
    const thousands = repeated || (only !== decimal && figure.length - last - 1 === 3);
    mark = thousands ? null : only;
  }
  const cut = mark === null ? figure.length : figure.lastIndexOf(mark);
  const whole = figure.slice(0, cut);
  const fraction = figure.slice(cut + 1);
  if (fraction.includes(',') || fraction.includes('.')) return null;
  const groups = whole.split(/[.,]/);
  const grouped = groups.length === 1 || (/^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
  if (!grouped) return null;
  return { whole: groups.join(''), fraction };
}

/**
 * Reads a gig amount into integer cents, from digit strings so that no float rounding creeps in.
 * An amount must be ≥ 0: a negative one is a credit note or a typo, not a gig.
 */
export function parseAmount(text: string, decimal: DecimalMark): AmountResult {
  const value = text.trim();
  if (value === '') return { ok: false, code: 'amount_missing' };
  const figure = amountFigure(value);
  if (MINUS.test(figure)) return { ok: false, code: 'amount_negative' };
  const parts = splitFigure(figure, decimal);
  if (!parts) return { ok: false, code: 'amount_unreadable' };
  const fraction = parts.fraction.replace(/0+$/, '');
  if (fraction.length > 2) return { ok: false, code: 'amount_decimals' };
  const cents = Number(parts.whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false, code: 'amount_too_large' };
  return { ok: true, cents };
}
