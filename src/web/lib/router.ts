/** A hash router (#/clients/12): enough for a handful of pages, and no server rewrite needed. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'crm' }
  | { name: 'dashboard'; query: URLSearchParams }
  | { name: 'clients'; query: URLSearchParams }
  | { name: 'client'; id: number; focusNotes: boolean }
  | { name: 'booking'; id: number }
  | { name: 'agenda' }
  | { name: 'settings' }
  | { name: 'vipBatch' }
  | { name: 'outbox' }
  | { name: 'notFound' };

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const id = Number(parts[1]);
  if (parts.length === 0) return { name: 'crm' };
  if (parts[0] === 'clients' && parts.length === 1) return { name: 'clients', query: new URLSearchParams(search) };
  if (parts[0] === 'clients' && Number.isInteger(id) && id > 0) {
    if (parts.length === 2) return { name: 'client', id, focusNotes: false };
    if (parts.length === 3 && parts[2] === 'notes') return { name: 'client', id, focusNotes: true };
    if (parts.length === 3 && parts[2] === 'rdv') return { name: 'booking', id };
  }
  if (parts.length === 1 && parts[0] === 'tableau-de-bord') return { name: 'dashboard', query: new URLSearchParams(search) };
  if (parts.length === 1 && parts[0] === 'agenda') return { name: 'agenda' };
  if (parts.length === 1 && parts[0] === 'settings') return { name: 'settings' };
  if (parts.length === 2 && parts[0] === 'relances' && parts[1] === 'vip') return { name: 'vipBatch' };
  if (parts.length === 2 && parts[0] === 'relances' && parts[1] === 'envois') return { name: 'outbox' };
  return { name: 'notFound' };
}

export const paths = {
  crm: '#/',
  dashboard: (query?: Record<string, string>) =>
    query ? `#/tableau-de-bord?${new URLSearchParams(query).toString()}` : '#/tableau-de-bord',
  clients: (query?: Record<string, string>) => (query ? `#/clients?${new URLSearchParams(query).toString()}` : '#/clients'),
  client: (id: number) => `#/clients/${id}`,
  clientNotes: (id: number) => `#/clients/${id}/notes`,
  booking: (id: number) => `#/clients/${id}/rdv`,
  agenda: '#/agenda',
  settings: '#/settings',
  mailSettings: '#/settings?section=mail',
  vipBatch: '#/relances/vip',
  outbox: '#/relances/envois',
} as const;

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
