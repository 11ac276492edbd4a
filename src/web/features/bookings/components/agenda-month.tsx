import { useState } from 'react';
import { monthWeeks, shiftMonth } from '../../../../domain/agenda';
import { LOCALE_OF } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useAgenda, type Agenda } from '../api/get-agenda';

/** « lundi » … « dimanche » (1 June 2026 is a Monday). */
function weekdayNames(lang: 'fr' | 'en', style: 'long' | 'short'): string[] {
  const f = new Intl.DateTimeFormat(LOCALE_OF[lang], { weekday: style, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 5, 1 + i))));
}

/** The month's gigs on a calendar, Monday first; a day holding two gigs or more is flagged in words. */
export function AgendaMonth() {
  const { t, tn, lang, money, longDate } = useI18n();
  const [month, setMonth] = useState<string | null>(null);
  const { data, error, loading } = useAgenda(month);
  const shown = month ?? data?.month ?? null;
  const title = shown
    ? new Intl.DateTimeFormat(LOCALE_OF[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${shown}-01T00:00:00Z`),
      )
    : '';
  const long = weekdayNames(lang, 'long');
  const short = weekdayNames(lang, 'short');
  return (
    <section className="panel" aria-labelledby="agenda-month">
      <div className="panel-head">
        <h2 id="agenda-month">{t('agenda.month', { month: title })}</h2>
        {shown ? (
          <div className="actions">
            <button type="button" className="button" onClick={() => setMonth(shiftMonth(shown, -1))}>
              {t('agenda.previousMonth')}
            </button>
            <button type="button" className="button" onClick={() => setMonth(null)} disabled={month === null}>
              {t('agenda.thisMonth')}
            </button>
            <button type="button" className="button" onClick={() => setMonth(shiftMonth(shown, 1))}>
              {t('agenda.nextMonth')}
            </button>
          </div>
        ) : null}
      </div>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <>
          <p className="muted" data-testid="agenda-summary">
            {data.gigs.length === 0 ? t('agenda.noGig') : tn('agenda.gigCount', data.gigs.length)}
            {data.doubleBooked.length > 0 ? ` · ${tn('agenda.doubleCount', data.doubleBooked.length)}` : ''}
          </p>
          <div className="month-wrap">
            <table className="month">
              <caption className="visually-hidden">{t('agenda.month', { month: title })}</caption>
              <thead>
                <tr>
                  {long.map((d, i) => (
                    <th key={d} scope="col" abbr={d}>
                      {short[i]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthWeeks(data.month).map((week, w) => (
                  <tr key={w}>
                    {week.map((day, i) =>
                      day ? <DayCell key={day} day={day} agenda={data} /> : <td key={`empty-${i}`} className="outside" />,
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.doubleBooked.length > 0 ? (
            <ul className="alert warn" data-testid="double-bookings">
              {data.doubleBooked.map((day) => (
                <li key={day}>
                  <span aria-hidden="true">⚠️ </span>
                  {t('agenda.doubleOn', {
                    date: longDate(day),
                    names: data.gigs
                      .filter((g) => g.date === day)
                      .map((g) => `${g.clientName} (${money(g.amount)})`)
                      .join(', '),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DayCell({ day, agenda }: { day: string; agenda: Agenda }) {
  const { t, longDate } = useI18n();
  const gigs = agenda.gigs.filter((g) => g.date === day);
  const double = agenda.doubleBooked.includes(day);
  const classes = ['day', day === agenda.today ? 'today' : '', double ? 'double' : '', gigs.length > 0 ? 'busy' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <td className={classes} data-date={day}>
      <span className="day-number" aria-label={longDate(day)}>
        {Number(day.slice(8, 10))}
      </span>
      {double ? <span className="badge double">{t('agenda.double')}</span> : null}
      {gigs.length > 0 ? (
        <ul>
          {gigs.map((g) => (
            <li key={g.id} className={`gig-chip ${g.status}`}>
              <a href={paths.client(g.clientId)} title={`${g.clientName} — ${t(`gigStatus.${g.status}`)}`}>
                {g.clientName}
              </a>
              <span className="visually-hidden"> — {t(`gigStatus.${g.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </td>
  );
}
