/**
 * Cache keys shared across features: a change in one feature (a note, a booking, an import)
 * invalidates by these prefixes what the others show.
 */
export const keys = {
  overview: 'overview',
  clients: 'clients:',
  client: (id: number) => `client:${id}`,
  anyClient: 'client:',
  gigsOn: (date: string) => `gigs-on:${date}`,
  upcoming: 'upcoming',
  agenda: (month: string | null) => `agenda:${month ?? 'current'}`,
  anyAgenda: 'agenda:',
  calendar: 'calendar',
  imports: 'imports',
  settings: 'settings',
  predictions: 'predictions',
  dashboard: (search: string) => `dashboard:${search}`,
  anyDashboard: 'dashboard:',
  followUps: (clientId?: number) => `follow-ups:${clientId ?? 'all'}`,
  anyFollowUps: 'follow-ups:',
  draft: (clientId: number, template: string) => `draft:${clientId}:${template}`,
  anyDraft: 'draft:',
  cadence: (clientId: number) => `cadence:${clientId}`,
  anyCadence: 'cadence:',
  vipBatch: 'vip-batch',
  outbox: 'outbox',
  templates: 'templates',
  mailSettings: 'mail-settings',
  alert: 'alert',
} as const;

/** Everything that depends on the portfolio's figures (after an import, a booking, new settings). */
export const PORTFOLIO_KEYS = [
  keys.overview,
  keys.clients,
  keys.anyClient,
  keys.upcoming,
  keys.anyAgenda,
  'gigs-on:',
  keys.predictions,
  keys.anyFollowUps,
  keys.anyCadence,
  keys.vipBatch,
  keys.anyDashboard,
  keys.alert,
];

/** What a new follow-up (recorded, sent, confirmed, its outcome) changes. */
export const FOLLOW_UP_KEYS = [
  keys.anyFollowUps,
  keys.anyCadence,
  keys.vipBatch,
  keys.anyDraft,
  keys.anyDashboard,
  keys.outbox,
  keys.alert,
];
