import type { AlertViewJson } from '../../../../contracts/alert';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useAlert } from '../api/alert';
import { weekdayName } from './weekday';

/** The weekly alert as the CRM page shows it: what this week's e-mail says, and when it goes. */
export function AlertPanel() {
  const { t } = useI18n();
  const { data, error, loading } = useAlert();
  return (
    <section className="panel" aria-labelledby="weekly-alert" data-testid="alert-panel">
      <h2 id="weekly-alert">
        <span aria-hidden="true">🔔 </span>
        {t('alert.title')}
      </h2>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <AlertSummary alert={data} /> : null}
    </section>
  );
}

function AlertSummary({ alert }: { alert: AlertViewJson }) {
  const { t, tn, date, money, number, lang } = useI18n();
  const { toFollowUp, awaitingOutcome, seasonal } = alert;
  return (
    <div className="stack">
      <p className="muted">{t('alert.week', { from: date(alert.week.from), to: date(alert.week.to) })}</p>
      <p>
        <strong>{toFollowUp.total === 0 ? t('alert.none') : tn('alert.count', toFollowUp.total)}</strong>
      </p>
      {toFollowUp.top.length > 0 ? (
        <ol>
          {toFollowUp.top.map((c) => (
            <li key={c.id}>
              <a href={paths.client(c.id)}>
                {t('alert.client', {
                  name: c.name,
                  priority: number(c.priority),
                  potential: c.potential === null ? t('alert.unknown') : money(c.potential),
                })}
              </a>
            </li>
          ))}
        </ol>
      ) : null}
      {toFollowUp.total > toFollowUp.top.length ? (
        <p className="muted">{tn('alert.more', toFollowUp.total - toFollowUp.top.length)}</p>
      ) : null}
      {awaitingOutcome.total > 0 ? (
        <>
          <h3>{t('alert.awaiting', { n: number(awaitingOutcome.total) })}</h3>
          <ul>
            {awaitingOutcome.items.map((f) => (
              <li key={`${f.clientId}-${f.date}`}>
                <a href={paths.client(f.clientId)}>{t('alert.sentOn', { name: f.name, date: date(f.date) })}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {seasonal.total > 0 ? (
        <>
          <h3>{t('alert.seasonal', { n: number(seasonal.total) })}</h3>
          <ul>
            {seasonal.items.map((s) => (
              <li key={s.clientId}>
                <a href={paths.client(s.clientId)}>{t('alert.window', { name: s.name, from: date(s.from), to: date(s.to) })}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted">
        {alert.settings.enabled && alert.next && alert.settings.address
          ? t('alert.next', {
              address: alert.settings.address,
              date: `${weekdayName(alert.settings.day, lang)} ${date(alert.next.date)}`,
              time: alert.next.time,
            })
          : t('alert.off')}{' '}
        <a href={`${paths.settings}?section=alert`}>{t('alert.settingsLink')}</a>
      </p>
      {alert.last ? <LastAlert last={alert.last} /> : null}
    </div>
  );
}

function LastAlert({ last }: { last: NonNullable<AlertViewJson['last']> }) {
  const { t, date, dateTime } = useI18n();
  if (last.state === 'sent')
    return <p className="muted">{t('alert.lastSent', { date: last.sentAt ? dateTime(last.sentAt) : date(last.week) })}</p>;
  if (last.state === 'queued' || last.state === 'sending')
    return <p className="muted">{t('alert.lastWaiting', { week: date(last.week) })}</p>;
  return (
    <p className="alert warn" role="status">
      {t('alert.lastFailed', { week: date(last.week), error: last.error ?? '' })}
    </p>
  );
}
