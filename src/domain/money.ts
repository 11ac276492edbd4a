/** Money is integer cents everywhere; euros exist only at the edges (JSON output, display). */
export type Cents = number;

export function centsToEuros(cents: Cents): number {
  return cents / 100;
}

export function eurosToCents(euros: number): Cents {
  return Math.round(euros * 100);
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * The one money formatter: `48 752 €`, and `411,50 €` when there are cents (Intl puts narrow
 * no-break spaces in French).
 */
export function formatEuros(cents: Cents, locale = 'fr-FR'): string {
  const digits = Number.isInteger(cents / 100) ? 0 : 2;
  const key = `${locale}/${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f.format(centsToEuros(cents));
}
