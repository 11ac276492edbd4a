import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { SelectField, TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { segmentSchema, sortSchema, type ClientSort, type Segment } from '../../../../contracts/clients';
import { useClients } from '../api/get-clients';
import { ClientBadges, StatusDot } from './client-badges';

const PAGE = 50;
const SEGMENTS = segmentSchema.options;
const SORTS = sortSchema.options;

/** Typing waits for a pause before asking the server, so that each key press is not a request. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Every client, searchable by name, contact or city, filtered by segment, sorted, a page at a time. */
export function ClientDirectory({ initial }: { initial: URLSearchParams }) {
  const { t, tn, number, money, date, elapsed } = useI18n();
  const parsedSegment = segmentSchema.safeParse(initial.get('segment'));
  const parsedSort = sortSchema.safeParse(initial.get('sort'));
  const [q, setQ] = useState(initial.get('q') ?? '');
  const [segment, setSegment] = useState<Segment | ''>(parsedSegment.success ? parsedSegment.data : '');
  const [sort, setSort] = useState<ClientSort>(parsedSort.success ? parsedSort.data : 'name');
  const [offset, setOffset] = useState(0);
  const query = useDebounced(q.trim(), 250);
  useEffect(() => setOffset(0), [query, segment, sort]);
  const { data, error, loading } = useClients({ q: query, sort, limit: PAGE, offset, ...(segment ? { segment } : {}) });
  return (
    <div className="stack">
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label={t('directory.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          hint={t('directory.searchHint')}
        />
        <SelectField
          label={t('directory.segment')}
          value={segment}
          onChange={(e) => setSegment(e.target.value === '' ? '' : segmentSchema.parse(e.target.value))}
        >
          <option value="">{t('directory.allSegments')}</option>
          {SEGMENTS.map((s) => (
            <option key={s} value={s}>
              {t(`segment.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('directory.sort')} value={sort} onChange={(e) => setSort(sortSchema.parse(e.target.value))}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </SelectField>
      </form>
      <p role="status" className="muted">
        {data ? tn('directory.count', data.total) : ''}
      </p>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <div className="table-wrap" role="region" aria-label={t('directory.tableLabel')} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('client.name')}</th>
                <th scope="col">{t('client.status')}</th>
                <th scope="col" className="num">
                  {t('client.gigs')}
                </th>
                <th scope="col" className="num">
                  {t('client.revenue')}
                </th>
                <th scope="col">{t('client.lastGig')}</th>
                <th scope="col">{t('client.city')}</th>
              </tr>
            </thead>
            <tbody>
              {data.clients.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <StatusDot status={c.status} />
                    <a href={paths.client(c.id)}>{c.name}</a>
                  </th>
                  <td>
                    <ClientBadges client={c} />
                  </td>
                  <td className="num">{number(c.gigs)}</td>
                  <td className="num">{money(c.revenue)}</td>
                  <td>
                    {c.lastDate ? date(c.lastDate) : '—'}
                    {c.daysInactive !== null ? <span className="elapsed">{elapsed(c.daysInactive)}</span> : null}
                  </td>
                  <td>{c.city ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > PAGE ? (
        <nav className="pager" aria-label={t('directory.pages')}>
          <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('directory.previous')}
          </button>
          <span>
            {t('directory.range', { from: number(offset + 1), to: number(Math.min(offset + PAGE, data.total)), total: number(data.total) })}
          </span>
          <button type="button" className="button" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
            {t('directory.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
