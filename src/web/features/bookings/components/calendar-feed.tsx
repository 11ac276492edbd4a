import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { CopyButton } from '../../../ui/copy-button';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useCalendar } from '../api/get-calendar';
import { rotateCalendar } from '../api/rotate-calendar';
import { ConfirmButton } from '../../../ui/confirm-button';

/** The secret iCalendar URL to subscribe to from the phone's calendar. */
export function CalendarFeed() {
  const { t } = useI18n();
  const { data, error, loading } = useCalendar();
  const rotate = useMutation(rotateCalendar);
  const url = data ? (data.url ?? `${window.location.origin}${data.path}`) : '';
  return (
    <section className="panel" aria-labelledby="calendar">
      <h2 id="calendar">{t('calendar.title')}</h2>
      <p className="muted">{t('calendar.intro')}</p>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error ?? rotate.error} />
      {data ? (
        <div className="stack">
          <label htmlFor="calendar-url">{t('calendar.url')}</label>
          <input
            id="calendar-url"
            className="mono"
            readOnly
            value={url}
            aria-describedby={data.url ? undefined : 'calendar-not-public'}
            onFocus={(e) => e.target.select()}
          />
          {data.url ? null : (
            <p id="calendar-not-public" className="alert info">
              {t('calendar.notPublic')}
            </p>
          )}
          <div className="actions">
            <CopyButton text={url} label={t('calendar.copy')} />
            <ConfirmButton
              label={t('calendar.rotate')}
              confirmLabel={t('calendar.confirmRotate')}
              onConfirm={() => rotate.run(undefined)}
            />
          </div>
        </div>
      ) : null}
    </section>
  );
}
