import { lazy, Suspense } from 'react';
import { useClient } from '../../features/clients/api/get-client';
import { ClientGigs } from '../../features/clients/components/client-gigs';
import { ClientSummary } from '../../features/clients/components/client-summary';
import { ContactCard } from '../../features/clients/components/contact-card';
import { NotesPanel } from '../../features/notes/components/notes-panel';
import { PredictionPanel } from '../../features/predictions/components/prediction-panel';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';
import { renderFollowUp } from '../follow-up-launcher';

const FollowUpStatusPanel = lazy(() =>
  import('../../features/follow-ups/components/do-not-contact').then((m) => ({ default: m.FollowUpStatusPanel })),
);
const ClientRevenueChart = lazy(() =>
  import('../../features/analytics/components/client-revenue-chart').then((m) => ({ default: m.ClientRevenueChart })),
);
const ClientReplies = lazy(() => import('../../features/replies/components/client-replies').then((m) => ({ default: m.ClientReplies })));
const ClientTimeline = lazy(() =>
  import('../../features/follow-ups/components/client-timeline').then((m) => ({ default: m.ClientTimeline })),
);

/** A client's « Stats »: figures and reasons, predictions, contact details, notes, follow-ups, the timeline, every gig. */
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
          <ClientSummary client={data.client} renderFollowUp={renderFollowUp} />
          <PredictionPanel client={data.client} prediction={data.prediction} model={data.predictionModel} />
          <div className="columns">
            <ContactCard key={data.client.id} client={data.client} />
            <NotesPanel clientId={id} notes={data.notes} focusForm={focusNotes} />
          </div>
          <Suspense fallback={<Loading />}>
            <FollowUpStatusPanel clientId={id} />
            <ClientTimeline clientId={id} gigs={data.gigs} notes={data.notes} />
            <ClientReplies clientId={id} />
          </Suspense>
          {data.totalsByYear.length > 0 ? (
            <Suspense fallback={<Loading />}>
              <ClientRevenueChart totals={data.totalsByYear} />
            </Suspense>
          ) : null}
          <ClientGigs gigs={data.gigs} totalsByYear={data.totalsByYear} />
        </>
      ) : null}
    </div>
  );
}
