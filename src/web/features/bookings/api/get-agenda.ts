import { request, withQuery } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { agendaSchema, type AgendaJson } from '../../../../contracts/bookings-agenda';

export type Agenda = AgendaJson;

/** A month of the agenda (`YYYY-MM`), or null for today's month; either way with today's date. */
export function getAgenda(month: string | null): Promise<Agenda> {
  return request('GET', withQuery('/api/agenda', { month: month ?? undefined }), agendaSchema);
}

export function useAgenda(month: string | null) {
  return useQuery(keys.agenda(month), () => getAgenda(month));
}
