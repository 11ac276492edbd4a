import { doubleBookedDays } from '../../../../domain/agenda';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useUpcoming } from '../api/get-upcoming';

/** Booked gigs from the reference date on, soonest first. */
export function UpcomingList() {
  const { t, money, longDate } = useI18n();
  const { data, error, loading } = useUpcoming();
  const doubled = new Set(doubleBookedDays(data?.gigs ?? []));
  return (
    <section className="panel" aria-labelledby="upcoming">
      <h2 id="upcoming">{t('upcoming.title')}</h2>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data && data.gigs.length === 0 ? <p className="empty">{t('upcoming.empty')}</p> : null}
      <ul className="cards">
        {data?.gigs.map((g) => (
          <li key={g.id} className={`card upcoming ${g.status}`}>
            <p className="upcoming-date">{longDate(g.date)}</p>
            {doubled.has(g.date) ? (
              <p className="badge double">
                <span aria-hidden="true">⚠️ </span>
                {t('upcoming.sameDay')}
              </p>
            ) : null}
            <h3>
              <a href={paths.client(g.clientId)}>{g.clientName}</a>
            </h3>
            <p>
              <span className={`badge booked ${g.status}`}>{t(`gigStatus.${g.status}`)}</span>{' '}
              {[g.type, g.venue, g.city].filter(Boolean).join(' · ')}
            </p>
            <p>{money(g.amount)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
