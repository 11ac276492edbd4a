/**
 * From a list of dated transactions (a client's done gigs) to the (x, t_x, T, z̄) summary the
 * BG/NBD and Gamma-Gamma models take. Conventions (those of the BG/NBD paper's CDNOW analysis and
 * of lifetimes, so the CDNOW figures reproduce):
 * - only transactions dated on or before the reference date count (later ones are bookings, not history);
 * - one transaction per calendar day: several gigs on one day are one transaction, amounts added;
 * - x = distinct days − 1 (the first day is the acquisition, not a repeat);
 * - time unit = weeks = calendar days / 7; t_x = last day − first day, T = reference date − first day;
 * - z̄ = mean amount of the repeat days (the first day excluded, as in note 025), 0 when x = 0.
 */
import { type IsoDate, toDayNumber } from '../dates';

export const DAYS_PER_WEEK = 7;

export interface TransactionSummary {
  x: number;
  /** Weeks from the first to the last transaction day. */
  tx: number;
  /** Weeks from the first transaction day to the reference date. */
  T: number;
  /** Mean amount of the repeat days (0 when x = 0), in the amounts' unit. */
  zbar: number;
  /** Mean amount over all days, the first included (0 when all are 0). */
  meanAmount: number;
  firstDay: number;
  lastDay: number;
}

/**
 * Summary from day numbers (days since 1970-01-01) and amounts, for bulk use (the bench parses
 * 69,659 CDNOW rows). Returns null when nothing happened on or before `referenceDay`.
 */
export function summarizeDays(days: readonly number[], amounts: readonly number[], referenceDay: number): TransactionSummary | null {
  const perDay = new Map<number, number>();
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (d > referenceDay) continue;
    perDay.set(d, (perDay.get(d) ?? 0) + (amounts[i] ?? 0));
  }
  if (perDay.size === 0) return null;
  const sorted = [...perDay.keys()].sort((p, q) => p - q);
  const firstDay = sorted[0] as number;
  const lastDay = sorted[sorted.length - 1] as number;
  let total = 0;
  for (const v of perDay.values()) total += v;
  const x = sorted.length - 1;
  const repeatTotal = total - (perDay.get(firstDay) as number);
  return {
    x,
    tx: (lastDay - firstDay) / DAYS_PER_WEEK,
    T: (referenceDay - firstDay) / DAYS_PER_WEEK,
    zbar: x > 0 ? repeatTotal / x : 0,
    meanAmount: total / sorted.length,
    firstDay,
    lastDay,
  };
}

export interface DatedAmount {
  date: IsoDate;
  amount: number;
}

/** summarizeDays on IsoDates. */
export function summarizeTransactions(transactions: readonly DatedAmount[], referenceDate: IsoDate): TransactionSummary | null {
  return summarizeDays(
    transactions.map((t) => toDayNumber(t.date)),
    transactions.map((t) => t.amount),
    toDayNumber(referenceDate),
  );
}
