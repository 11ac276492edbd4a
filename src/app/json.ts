/** The public JSON shapes (CLI --json and the HTTP API): money in euros, dates ISO, null where a value does not exist. */
import { centsToEuros } from '../domain/money';
import type { ClientView, Overview } from './portfolio';
import { reasonText, type ClientForecast, type Forecast } from './predictions';

export function overviewJson(o: Overview) {
  return { asOf: o.asOf, clients: o.clients, gigs: o.gigs, revenue: centsToEuros(o.revenueCents), vip: o.vip, statuses: o.statuses };
}

const euros = (cents: number | null) => (cents === null ? null : centsToEuros(cents));

export function clientJson(c: ClientView) {
  const s = c.segment;
  return {
    id: c.id,
    name: c.name,
    status: s.status,
    vip: s.vip,
    vipReasons: s.vipReasons,
    gigs: s.stats.gigs,
    revenue: centsToEuros(s.stats.revenueCents),
    firstDate: s.stats.firstDate,
    lastDate: s.stats.lastDate,
    daysInactive: s.daysInactive,
    priceMin: euros(s.stats.priceMinCents),
    priceMax: euros(s.stats.priceMaxCents),
    priority: s.priority,
    priorityTerms: s.priorityTerms.map((t) => (t.term === 'revenue' ? { ...t, value: centsToEuros(t.value) } : t)),
    potential: s.potential ? centsToEuros(s.potential.cents) : null,
    potentialTerms: s.potential
      ? { averagePrice: centsToEuros(s.potential.averagePriceCents), gigsPerYear: s.potential.gigsPerYear, spanDays: s.potential.spanDays }
      : null,
  };
}

export function forecastClientJson(c: ClientForecast) {
  return {
    id: c.clientId,
    name: c.name,
    pAlive: c.prediction.pAlive,
    expectedGigs: c.prediction.expectedGigs,
    expectedGigAmount: centsToEuros(c.prediction.expectedGigCents),
    spendBasis: c.prediction.spendBasis,
    expectedRevenue: centsToEuros(c.prediction.expectedRevenueCents),
    revenueIfWonBack: centsToEuros(c.prediction.revenueIfWonBackCents),
    basis: c.prediction.basis,
    confidence: c.prediction.confidence,
    seasonal: c.seasonal
      ? {
          nextDate: c.seasonal.nextDate,
          followUpFrom: c.seasonal.followUpFrom,
          followUpTo: c.seasonal.followUpTo,
          followUpDue: c.seasonal.followUpDue,
          dates: c.seasonal.dates,
          explanation: c.seasonal.explanation,
        }
      : null,
    explanation: c.explanation,
  };
}

/** The fit's summary: each reason as its code (the web words it) and its French text (the CLI's). */
export function forecastModelJson(m: Forecast['model']) {
  return { ...m, reasons: m.reasons.map((r) => ({ ...r, text: reasonText(r) })) };
}

export function forecastJson(f: Forecast) {
  return { asOf: f.asOf, model: forecastModelJson(f.model), clients: f.clients.map(forecastClientJson) };
}
