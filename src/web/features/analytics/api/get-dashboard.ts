import { dashboardSchema, type DashboardJson } from '../../../../contracts/kpis';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type Dashboard = DashboardJson;

/** The period the page asks for: nothing (the year ending today), or some of its ends. */
export interface PeriodQuery {
  from?: string;
  to?: string;
}

function search(q: PeriodQuery): string {
  const params = new URLSearchParams();
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function getDashboard(q: PeriodQuery): Promise<Dashboard> {
  return request('GET', `/api/dashboard${search(q)}`, dashboardSchema);
}

/** The KPIs move with replies read in the background and e-mails sent by the outbox: read again on opening. */
export function useDashboard(q: PeriodQuery) {
  return useQuery(keys.dashboard(search(q)), () => getDashboard(q), true, { readAgainOnOpen: true });
}
