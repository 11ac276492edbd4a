import { amountFigure, type DecimalMark } from './amount.js';
import { leadingDateParts, type DateOrder } from './date.js';
import { excerpt } from '../excerpt.js';
import type { ImportWarning } from './import-codes.js';

/**
 * Pass 1 of an import feeds every value of a date or amount column to its profile; the profile
 * then decides how that column's ambiguous values are read in pass 2. The French reading wins
 * unless the column itself proves otherwise, and an unproven guess comes with a warning.
 */
export interface ColumnDecision<T> {
  value: T;
  warning?: ImportWarning;
}

export class DateColumnProfile {
  #firstAbove12 = false;
  #secondAbove12 = false;
  #ambiguous = false;

  constructor(readonly header: string) {}

  observe(value: string): void {
    const parts = leadingDateParts(value);
    if (!parts) return;
    const [first, second] = parts;
    if (first > 12) this.#firstAbove12 = true;
    if (second > 12) this.#secondAbove12 = true;
    // 05/05 reads the same either way, so it leaves the question open without making it worse.
    if (first <= 12 && second <= 12 && first !== second) this.#ambiguous = true;
  }

  decide(): ColumnDecision<DateOrder> {
    if (this.#secondAbove12 && !this.#firstAbove12) return { value: 'mdy' };
    if (this.#secondAbove12) {
      return {
        value: 'dmy',
        warning: { code: 'dates_mixed', header: excerpt(this.header, 80) },
      };
    }
    if (!this.#firstAbove12 && this.#ambiguous) {
      return {
        value: 'dmy',
        warning: { code: 'dates_ambiguous', header: excerpt(this.header, 80) },
      };
    }
    return { value: 'dmy' };
  }
}

export class AmountColumnProfile {
  #commaDecimal = false;
  #dotDecimal = false;
  #ambiguousSample: string | null = null;

  constructor(readonly header: string) {}

  observe(value: string): void {
    const figure = amountFigure(value.trim());
    if (!/^[0-9.,]+$/.test(figure)) return;
    const lastComma = figure.lastIndexOf(',');
    const lastDot = figure.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      this.#prove(lastComma > lastDot ? ',' : '.');
    } else if (lastComma >= 0 || lastDot >= 0) {
      const mark: DecimalMark = lastComma >= 0 ? ',' : '.';
      const last = Math.max(lastComma, lastDot);
      if (figure.indexOf(mark) !== last) this.#prove(mark === ',' ? '.' : ',');
      else if (figure.length - last - 1 !== 3) this.#prove(mark);
      else this.#ambiguousSample ??= value.trim();
    }
  }

  #prove(decimal: DecimalMark): void {
    if (decimal === ',') this.#commaDecimal = true;
    else this.#dotDecimal = true;
  }

  decide(): ColumnDecision<DecimalMark> {
    if (this.#dotDecimal && !this.#commaDecimal) return { value: '.' };
    if (this.#ambiguousSample !== null && !this.#commaDecimal) {
      return {
        value: ',',
        warning: { code: 'amounts_ambiguous', header: excerpt(this.header, 80), sample: excerpt(this.#ambiguousSample, 80) },
      };
    }
    return { value: ',' };
  }
}
