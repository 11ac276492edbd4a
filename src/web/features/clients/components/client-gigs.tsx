import type { Gig, GigStatus } from '../../../../contracts/clients';
import { useI18n } from '../../../lib/i18n';
import type { ClientDetail } from '../api/get-client';

const STATUS_ICON: Record<GigStatus, string> = { done: '✔️', confirmed: '📅', option: '❔', cancelled: '✖️' };

/** Every gig of the client, past and booked, grouped by year with the year's totals. */
export function ClientGigs({ gigs, totalsByYear }: Pick<ClientDetail, 'gigs' | 'totalsByYear'>) {
  const { t, tn, money, date } = useI18n();
  const byYear = new Map<number, Gig[]>();
  for (const g of gigs) {
    const year = Number(g.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), g]);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  return (
    <section className="panel" aria-labelledby="gigs">
      <h2 id="gigs">{t('gigs.title')}</h2>
      {gigs.length === 0 ? <p className="empty">{t('gigs.empty')}</p> : null}
      {years.map((year) => {
        const total = totalsByYear.find((y) => y.year === year);
        return (
          <div key={year} className="year">
            <h3>
              {year}
              {total ? (
                <span className="muted">
                  {' '}
                  — {tn('common.gigs', total.gigs)} · {money(total.revenue)}
                </span>
              ) : null}
            </h3>
            <div className="table-wrap" role="region" aria-label={t('gigs.yearLabel', { year })} tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('gigs.date')}</th>
                    <th scope="col">{t('gigs.type')}</th>
                    <th scope="col">{t('gigs.venue')}</th>
                    <th scope="col" className="num">
                      {t('gigs.amount')}
                    </th>
                    <th scope="col">{t('gigs.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(byYear.get(year) ?? []).map((g) => (
                    <tr key={g.id} className={`gig ${g.status}`}>
                      <td>{date(g.date)}</td>
                      <td>{g.type ?? ''}</td>
                      <td>{[g.venue, g.city].filter(Boolean).join(', ')}</td>
                      <td className="num">{money(g.amount)}</td>
                      <td>
                        <span aria-hidden="true">{STATUS_ICON[g.status]} </span>
                        {t(`gigStatus.${g.status}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
