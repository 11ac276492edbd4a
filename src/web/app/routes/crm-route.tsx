import { ActiveSection, DormantSection, LapsedSection, VipSection } from '../../features/clients/components/segment-sections';
import { ReportPdfLink } from '../../features/exports/components/export-links';
import { ImportSection } from '../../features/imports/components/import-section';
import { useOverview } from '../../features/overview/api/get-overview';
import { OverviewPanel } from '../../features/overview/components/overview-panel';
import { usePredictions } from '../../features/predictions/api/get-predictions';
import { PredictionFacts } from '../../features/predictions/components/prediction-panel';
import type { RenderCardFacts } from '../../lib/slots';
import { renderFollowUp } from '../follow-up-launcher';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

/** The CRM page of the guide, section by section. */
export function CrmRoute() {
  const { t, date } = useI18n();
  const { data, error, loading } = useOverview();
  const predictions = usePredictions();
  const byId = new Map((predictions.data?.clients ?? []).map((p) => [p.id, p]));
  const renderFacts: RenderCardFacts = (c) => <PredictionFacts prediction={byId.get(c.id)} />;
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('crm.title')}>{t('crm.title')}</PageTitle>
        {data ? (
          <p className="muted">
            {t('crm.asOf', { date: date(data.asOf) })} · <a href={paths.settings}>{t('crm.changeDate')}</a>
          </p>
        ) : null}
      </div>
      <section className="panel" aria-labelledby="overview">
        <h2 id="overview">
          <span aria-hidden="true">📊 </span>
          {t('overview.title')}
        </h2>
        {loading ? <Loading /> : null}
        <ErrorMessage error={error} />
        {data ? <OverviewPanel overview={data} /> : null}
      </section>
      <ImportSection empty={data?.clients === 0} />
      {data && data.clients > 0 ? (
        <>
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
