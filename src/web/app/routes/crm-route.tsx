import { lazy, Suspense } from 'react';
import { ActiveSection, DormantSection, LIST_LIMIT, LapsedSection, VipSection } from '../../features/clients/components/segment-sections';
import { ReportPdfLink } from '../../features/exports/components/export-links';
import { ImportSection } from '../../features/imports/components/import-section';
import { updateSettings } from '../../features/settings/api/update-settings';
import { useOverview } from '../../features/overview/api/get-overview';
import { OverviewPanel } from '../../features/overview/components/overview-panel';
import { usePredictions } from '../../features/predictions/api/get-predictions';
import { PredictionFacts } from '../../features/predictions/components/prediction-panel';
import type { RenderCardFacts } from '../../lib/slots';
import { renderFollowUp } from '../follow-up-launcher';
import { useI18n } from '../../lib/i18n';
import { useMutation } from '../../lib/query';
import { paths } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

const AlertPanel = lazy(() => import('../../features/alert/components/alert-panel').then((m) => ({ default: m.AlertPanel })));
const OutboxPanel = lazy(() => import('../../features/follow-ups/components/outbox-list').then((m) => ({ default: m.OutboxPanel })));

/** The CRM page of the guide, section by section. */
export function CrmRoute() {
  const { t, date } = useI18n();
  const { data, error, loading } = useOverview();
  // The predictions of the pages the two lists show (same filter, order and length), not of every client.
  const lapsed = usePredictions({ segment: 'lapsed', sort: 'priority', limit: LIST_LIMIT });
  const dormant = usePredictions({ segment: 'dormant', sort: 'priority', limit: LIST_LIMIT });
  const byId = new Map([...(lapsed.data?.clients ?? []), ...(dormant.data?.clients ?? [])].map((p) => [p.id, p]));
  const renderFacts: RenderCardFacts = (c) => <PredictionFacts prediction={byId.get(c.id)} />;
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('crm.title')}>{t('crm.title')}</PageTitle>
        {data && data.asOf === data.today ? (
          <p className="muted">
            {t('crm.asOf', { date: date(data.asOf) })} · <a href={paths.settings}>{t('crm.changeDate')}</a>
          </p>
        ) : null}
      </div>
      {data && data.asOf !== data.today ? <ReferenceDateBanner asOf={data.asOf} today={data.today} /> : null}
      <section className="panel" aria-labelledby="overview">
        <h2 id="overview">
          <span aria-hidden="true">📊 </span>
          {t('overview.title')}
        </h2>
        {loading ? <Loading /> : null}
        <ErrorMessage error={error} />
        {data ? <OverviewPanel overview={data} /> : null}
      </section>
      <Suspense fallback={null}>
        <OutboxPanel />
      </Suspense>
      <ImportSection empty={data?.clients === 0} />
      {data && data.clients > 0 ? (
        <>
          <Suspense fallback={null}>
            <AlertPanel />
          </Suspense>
          <VipSection renderFollowUp={renderFollowUp} />
          <LapsedSection renderFollowUp={renderFollowUp} renderFacts={renderFacts} />
          <DormantSection renderFollowUp={renderFollowUp} renderFacts={renderFacts} />
          <ActiveSection />
          <p className="actions">
            <a className="button" href={paths.clients()}>
              {t('crm.allClients')}
            </a>{' '}
            <ReportPdfLink />
          </p>
        </>
      ) : null}
    </div>
  );
}

/**
 * The figures are of another day than today (a reference date set in the settings): said where
 * they are read, with the way back to today in one click. Follow-ups, bookings and the dates a
 * message offers are of today either way.
 */
function ReferenceDateBanner({ asOf, today }: { asOf: string; today: string }) {
  const { t, date } = useI18n();
  const back = useMutation(updateSettings);
  return (
    <div className="alert warn reference-banner" role="status" data-testid="reference-date-banner">
      <p>
        <strong>{t('crm.viewingAsOf', { date: date(asOf) })}</strong> {t('crm.viewingAsOfHint', { today: date(today) })}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={back.pending} onClick={() => void back.run({ referenceDate: null })}>
          {t('crm.backToToday')}
        </button>
        <a className="button" href={paths.settings}>
          {t('crm.changeDate')}
        </a>
      </div>
      <ErrorMessage error={back.error} />
    </div>
  );
}
