import { ActiveSection, DormantSection, LapsedSection, VipSection } from '../../features/clients/components/segment-sections';
import { ImportSection } from '../../features/imports/components/import-section';
import { useOverview } from '../../features/overview/api/get-overview';
import { OverviewPanel } from '../../features/overview/components/overview-panel';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

/** The CRM page of the guide, section by section. */
export function CrmRoute() {
  const { t, date } = useI18n();
  const { data, error, loading } = useOverview();
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
          <VipSection />
          <LapsedSection />
          <DormantSection />
          <ActiveSection />
          <p>
            <a className="button" href={paths.clients()}>
              {t('crm.allClients')}
            </a>
          </p>
        </>
      ) : null}
    </div>
  );
}
