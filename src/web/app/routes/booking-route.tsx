import { useState } from 'react';
import type { BookingResult } from '../../features/bookings/api/create-booking';
import { BookingForm } from '../../features/bookings/components/booking-form';
import { useClient } from '../../features/clients/api/get-client';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

/** Nouveau RDV for one client, then where to see it. */
export function BookingRoute({ id }: { id: number }) {
  const { t, longDate, money } = useI18n();
  const { data, error, loading } = useClient(id);
  const [result, setResult] = useState<BookingResult | null>(null);
  return (
    <div className="page">
      <p>
        <a href={paths.client(id)}>← {data ? data.client.name : t('nav.backToClient')}</a>
      </p>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <>
          <div className="page-head">
            <PageTitle title={t('booking.title', { name: data.client.name })}>{t('booking.title', { name: data.client.name })}</PageTitle>
          </div>
          <section className="panel" aria-label={t('booking.formLabel')}>
            {result ? (
              <div className="stack" role="status">
                <p className="alert ok">
                  {t('booking.saved', {
                    date: longDate(result.gig.date),
                    status: t(`gigStatus.${result.gig.status}`),
                    amount: money(result.gig.amount),
                  })}
                </p>
                {result.sameDay.length > 0 ? (
                  <p className="alert warn">{t('booking.savedSameDay', { names: result.sameDay.map((g) => g.clientName).join(', ') })}</p>
                ) : null}
                <div className="actions">
                  <a className="button primary" href={paths.client(id)}>
                    {t('booking.seeClient')}
                  </a>
                  <a className="button" href={paths.agenda}>
                    {t('booking.seeAgenda')}
                  </a>
                  <button type="button" className="button" onClick={() => setResult(null)}>
                    {t('booking.another')}
                  </button>
                </div>
              </div>
            ) : (
              <BookingForm clientId={id} history={data.gigs} onDone={setResult} />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
