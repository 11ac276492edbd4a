/** The web API's JSON shapes beyond the CLI's (json.ts): money in euros, dates ISO. */
import type { Gig, Note } from '../db/schema';
import { OBJECTIVE_TARGETS } from '../domain/kpis';
import { centsToEuros } from '../domain/money';
import { overviewJson, clientJson } from './json';
import type { PortfolioClient } from './portfolio-cache';
import type { Overview } from './portfolio';

/** The guide's objective: active clients above 40 % of those who booked at least once. */
export const ACTIVE_SHARE_OBJECTIVE = OBJECTIVE_TARGETS.activeShare;

export function overviewApiJson(o: Overview) {
  const withGigs = o.clients - o.statuses.prospect;
  return {
    ...overviewJson(o),
    activeShare: {
      active: o.statuses.active,
      withGigs,
      ratio: withGigs === 0 ? null : o.statuses.active / withGigs,
      objective: ACTIVE_SHARE_OBJECTIVE,
    },
  };
}

export function clientApiJson(c: PortfolioClient) {
  return { ...clientJson(c), contact: c.contact, email: c.email, phone: c.phone, city: c.city, category: c.category, upcoming: c.upcoming };
}

const clientJsonTexts = new WeakMap<PortfolioClient, string>();

/**
 * A cached client's JSON, made once: the portfolio cache's clients do not change (a write makes
 * a new snapshot), and serialising 50 of them per list request is most of its cost.
 */
export function clientApiJsonText(c: PortfolioClient): string {
  let text = clientJsonTexts.get(c);
  if (text === undefined) {
    text = JSON.stringify(clientApiJson(c));
    clientJsonTexts.set(c, text);
  }
  return text;
}

export function gigJson(g: Gig) {
  return {
    id: g.id,
    date: g.date,
    amount: centsToEuros(Number(g.amount_cents)),
    status: g.status,
    type: g.type,
    venue: g.venue,
    city: g.city,
    durationMinutes: g.duration_minutes,
    notes: g.notes,
    reference: g.reference,
  };
}

export function gigWithClientJson(g: Gig & { client_name: string }) {
  return { ...gigJson(g), clientId: g.client_id, clientName: g.client_name };
}

export function noteJson(n: Note) {
  return { id: n.id, text: n.text, createdAt: n.created_at, updatedAt: n.updated_at };
}
