import { ClientDirectory } from '../../features/clients/components/client-directory';
import { NewClientForm } from '../../features/clients/components/new-client-form';
import { ExportLinks } from '../../features/exports/components/export-links';
import { WorkspaceImport } from '../../features/exports/components/workspace-import';
import { useI18n } from '../../lib/i18n';
import { PageTitle } from '../../ui/page-title';

export function ClientsRoute({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('directory.title')}>{t('directory.title')}</PageTitle>
      </div>
      <section className="panel" aria-labelledby="all-clients">
        <h2 id="all-clients" className="visually-hidden">
          {t('directory.title')}
        </h2>
        {/* Remounted when the overview's links change the filter in the address. */}
        <ClientDirectory key={query.toString()} initial={query} />
      </section>
      <section className="panel" aria-labelledby="new-client">
        <h2 id="new-client">{t('directory.newClientTitle')}</h2>
        <NewClientForm />
      </section>
      <section className="panel" aria-labelledby="export-data">
        <h2 id="export-data">{t('directory.exportTitle')}</h2>
        <ExportLinks />
      </section>
      <section className="panel" aria-labelledby="workspace-import">
        <h2 id="workspace-import">{t('workspaceImport.title')}</h2>
        <WorkspaceImport />
      </section>
    </div>
  );
}
