import { useClient } from '../../features/clients/api/get-client';
import { ClientGigs } from '../../features/clients/components/client-gigs';
import { ClientSummary } from '../../features/clients/components/client-summary';
import { ContactCard } from '../../features/clients/components/contact-card';
import { NotesPanel } from '../../features/notes/components/notes-panel';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

/** A client's « Stats »: figures and reasons, contact details, every gig, notes. */
export function ClientRoute({ id, focusNotes }: { id: number; focusNotes: boolean }) {
  const { t } = useI18n();
  const { data, error, loading } = useClient(id);
  return (
    <div className="page">
      <p>
        <a href={paths.crm}>← {t('nav.backToCrm')}</a>
      </p>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <>
          <div className="page-head">
            <PageTitle title={data.client.name}>{data.client.name}</PageTitle>
          </div>
          <ClientSummary client={data.client} />
          <div className="columns">
            <ContactCard key={data.client.id} client={data.client} />
            <NotesPanel clientId={id} notes={data.notes} focusForm={focusNotes} />
          </div>
          <ClientGigs gigs={data.gigs} totalsByYear={data.totalsByYear} />
        </>
      ) : null}
    </div>
  );
}
