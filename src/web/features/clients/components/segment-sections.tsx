/** The lists of the CRM page, one per segment of the guide, each with its own actions. */
import { useState, type ReactNode } from 'react';
import type { Client } from '../../../../contracts/clients';
import { useStatusThresholdVars } from '../../../lib/thresholds';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import type { FollowUpKind, FollowUpTarget, RenderCardFacts, RenderFollowUp } from '../../../lib/slots';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useClients, type ClientListParams, type ClientSort } from '../api/get-clients';
import { ClientCard } from './client-card';
import { PriorityExplanation } from './priority-explanation';

/** What the app gives every list: the follow-up generator, and the lines its cards add. */
export interface SectionSlots {
  renderFollowUp: RenderFollowUp;
  renderFacts?: RenderCardFacts;
}

/** The CRM page shows the head of each list; the full list is the directory, filtered. */
/** Cards per list on the CRM page (the app asks for the predictions of the same page). */
export const LIST_LIMIT = 50;

function hasConfirmedBooking(c: Client): boolean {
  return c.upcoming?.status === 'confirmed';
}

interface SectionProps {
  id: string;
  title: string;
  intro: string;
  params: ClientListParams;
  tools?: ReactNode;
  empty: string;
  renderCard: (client: Client, open: (kind: FollowUpKind) => void) => ReactNode;
  renderFollowUp: RenderFollowUp;
}

/** The card's follow-up action: Contacter, Relancer or Rappel doux, named for screen readers. */
function FollowUpButton({ client, kind, open }: { client: Client; kind: FollowUpKind; open: (kind: FollowUpKind) => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button primary" onClick={() => open(kind)} aria-label={t(`action.${kind}For`, { name: client.name })}>
      {t(`action.${kind}`)}
    </button>
  );
}

function Section({ id, title, intro, params, tools, empty, renderCard, renderFollowUp }: SectionProps) {
  const { t, number } = useI18n();
  const { data, error, loading } = useClients({ ...params, limit: LIST_LIMIT });
  const [followUp, setFollowUp] = useState<FollowUpTarget | null>(null);
  return (
    <section className="panel" aria-labelledby={id} id={`section-${id}`}>
      <div className="panel-head">
        <h2 id={id}>
          {title}
          {data ? <span className="count"> ({number(data.total)})</span> : null}
        </h2>
        {tools}
      </div>
      <p className="muted">{intro}</p>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data && data.clients.length === 0 ? <p className="empty">{empty}</p> : null}
      {data && data.clients.length > 0 ? (
        <ul className="cards">{data.clients.map((c) => renderCard(c, (kind) => setFollowUp({ client: c, kind })))}</ul>
      ) : null}
      {data && data.total > data.clients.length ? (
        <p>
          <a href={paths.clients({ ...(params.segment ? { segment: params.segment } : {}), sort: params.sort ?? 'name' })}>
            {t('list.seeAll', { n: number(data.total) })}
          </a>
        </p>
      ) : null}
      {renderFollowUp(followUp, () => setFollowUp(null))}
    </section>
  );
}

function BookingLinks({ client }: { client: Client }) {
  const { t } = useI18n();
  return (
    <>
      <a className="button" href={paths.booking(client.id)} aria-label={t('action.newBookingFor', { name: client.name })}>
        {t('action.newBooking')}
      </a>
      <a className="button" href={paths.client(client.id)} aria-label={t('action.statsFor', { name: client.name })}>
        {t('action.stats')}
      </a>
    </>
  );
}

const VIP_SORTS: ClientSort[] = ['gigs', 'revenue', 'last'];

export function VipSection({ renderFollowUp }: SectionSlots) {
  const { t } = useI18n();
  const [sort, setSort] = useState<ClientSort>('gigs');
  const tools = (
    <div className="segmented" role="group" aria-label={t('vip.sortBy')}>
      {VIP_SORTS.map((s) => (
        <button key={s} type="button" className="button" aria-pressed={sort === s} onClick={() => setSort(s)}>
          {t(`sort.${s}`)}
        </button>
      ))}
    </div>
  );
  return (
    <Section
      id="vip"
      title={t('vip.title')}
      intro={t('vip.intro')}
      params={{ segment: 'vip', sort }}
      tools={tools}
      empty={t('vip.empty')}
      renderFollowUp={renderFollowUp}
      renderCard={(c, open) => (
        <ClientCard
          key={c.id}
          client={c}
          actions={
            <>
              <FollowUpButton client={c} kind="contact" open={open} />
              <BookingLinks client={c} />
            </>
          }
        />
      )}
    />
  );
}

export function LapsedSection({ renderFollowUp, renderFacts }: SectionSlots) {
  const { t, tn, money, number, inactivity } = useI18n();
  const th = useStatusThresholdVars();
  return (
    <>
      <Section
        id="lapsed"
        title={t('lapsed.title')}
        intro={t('lapsed.intro', th)}
        params={{ segment: 'lapsed', sort: 'priority' }}
        tools={
          <a className="button primary" href={paths.vipBatch}>
            {t('lapsed.allVip')}
          </a>
        }
        empty={t('lapsed.empty')}
        renderFollowUp={renderFollowUp}
        renderCard={(c, open) => (
          <ClientCard
            key={c.id}
            client={c}
            summary={t('lapsed.line', {
              score: c.priority !== null ? number(Math.round(c.priority)) : '—',
              max: number(c.priorityTerms.reduce((sum, term) => sum + term.max, 0)),
              potential: c.potential !== null ? t('client.perYear', { amount: money(Math.round(c.potential)) }) : '—',
            })}
            actions={
              <>
                {hasConfirmedBooking(c) ? null : <FollowUpButton client={c} kind="relaunch" open={open} />}
                <a className="button" href={paths.clientNotes(c.id)} aria-label={t('action.addNoteFor', { name: c.name })}>
                  {t('action.addNote')}
                </a>
                <a className="button" href={paths.client(c.id)} aria-label={t('action.statsFor', { name: c.name })}>
                  {t('action.stats')}
                </a>
              </>
            }
          >
            <ul className="facts">
              {c.daysInactive !== null ? <li>{t('lapsed.inactive', { time: inactivity(c.daysInactive) })}</li> : null}
              <li>{t('lapsed.history', { gigs: tn('common.gigs', c.gigs), revenue: money(c.revenue) })}</li>
              {c.potential !== null && c.potentialTerms ? (
                <li>
                  {t('lapsed.potential', {
                    potential: money(Math.round(c.potential)),
                    average: money(c.potentialTerms.averagePrice),
                    perYear: tn('lapsed.gigsPerYear', c.potentialTerms.gigsPerYear),
                  })}
                </li>
              ) : null}
            </ul>
            {renderFacts?.(c)}
            <PriorityExplanation client={c} />
          </ClientCard>
        )}
      />
    </>
  );
}

export function DormantSection({ renderFollowUp, renderFacts }: SectionSlots) {
  const { t, inactivity } = useI18n();
  const th = useStatusThresholdVars();
  return (
    <Section
      id="dormant"
      title={t('dormant.title')}
      intro={t('dormant.intro', th)}
      params={{ segment: 'dormant', sort: 'priority' }}
      empty={t('dormant.empty')}
      renderFollowUp={renderFollowUp}
      renderCard={(c, open) => (
        <ClientCard
          key={c.id}
          client={c}
          actions={
            <>
              {hasConfirmedBooking(c) ? null : <FollowUpButton client={c} kind="gentle" open={open} />}
              <BookingLinks client={c} />
            </>
          }
        >
          {c.daysInactive !== null ? <p className="facts">{t('lapsed.inactive', { time: inactivity(c.daysInactive) })}</p> : null}
          {renderFacts?.(c)}
        </ClientCard>
      )}
    />
  );
}

export function ActiveSection() {
  const { t } = useI18n();
  const th = useStatusThresholdVars();
  return (
    <Section
      id="active"
      title={t('active.title')}
      intro={t('active.intro', th)}
      params={{ segment: 'active', sort: 'last' }}
      empty={t('active.empty')}
      renderFollowUp={() => null}
      renderCard={(c) => <ClientCard key={c.id} client={c} actions={<BookingLinks client={c} />} />}
    />
  );
}
