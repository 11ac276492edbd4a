/** Money is integer cents everywhere; euros exist only at the edges (JSON output, display). */
export type Cents = number;

export function centsToEuros(cents: Cents): number {
  return cents / 100;
}

export function eurosToCents(euros: number): Cents {
  return Math.round(euros * 100);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** The one money formatter: `48 752 €` in French (Intl puts narrow no-break spaces there). */
export function formatEuros(cents: Cents, locale = 'fr-FR'): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 2 });
    formatters.set(locale, f);
  }
  return f.format(centsToEuros(cents));
}
