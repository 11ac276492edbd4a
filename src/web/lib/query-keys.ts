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
  calendar: 'calendar',
  imports: 'imports',
  settings: 'settings',
} as const;

/** Everything that depends on the portfolio's figures (after an import, a booking, new settings). */
export const PORTFOLIO_KEYS = [keys.overview, keys.clients, keys.anyClient, keys.upcoming, 'gigs-on:'];
