/** The lists of the CRM page, one per segment of the guide, each with its own actions. */
import { useState, type ReactNode } from 'react';
import type { Client } from '../../../lib/entities';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { Dialog } from '../../../ui/dialog';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useClients, type ClientListParams, type ClientSort } from '../api/get-clients';
import { ClientCard } from './client-card';
import { ContactLinks } from './contact-links';
import { FollowUpDialog, type FollowUpKind } from './follow-up-dialog';
import { PriorityExplanation } from './priority-explanation';

/** The CRM page shows the head of each list; the full list is the directory, filtered. */
const LIST_LIMIT = 50;

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
}

function Section({ id, title, intro, params, tools, empty, renderCard }: SectionProps) {
  const { t, number } = useI18n();
  const { data, error, loading } = useClients({ ...params, limit: LIST_LIMIT });
  const [followUp, setFollowUp] = useState<{ client: Client; kind: FollowUpKind } | null>(null);
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
          <a href={paths.clients({ ...(params.segment ? { segment: params.segment } : {}), sort: params.sort ?? 'name' })}>{t('list.seeAll', { n: number(data.total) })}</a>
        </p>
      ) : null}
      <FollowUpDialog client={followUp?.client ?? null} kind={followUp?.kind ?? 'contact'} onClose={() => setFollowUp(null)} />
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

export function VipSection() {
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
      renderCard={(c, open) => (
        <ClientCard
          key={c.id}
          client={c}
          actions={
            <>
              <button type="button" className="button primary" onClick={() => open('contact')} aria-label={t('action.contactFor', { name: c.name })}>
                {t('action.contact')}
              </button>
              <BookingLinks client={c} />
            </>
          }
        />
      )}
    />
  );
}

function VipLapsedDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, tn, money } = useI18n();
  const { data, error, loading } = useClients({ segment: 'lapsed', sort: 'priority', limit: 500 });
  const targets = (data?.clients ?? []).filter((c) => c.vip && !hasConfirmedBooking(c));
  return (
    <Dialog open={open} onClose={onClose} title={t('lapsed.allVipTitle')}>
      <p className="alert info">{t('followUp.comingSoon')}</p>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <p>{tn('lapsed.allVipCount', targets.length)}</p> : null}
      <ul className="plain-list">
        {targets.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> — {money(c.revenue)}
            <ContactLinks client={c} />
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function LapsedSection() {
  const { t, tn, money, number, inactivity } = useI18n();
  const [allOpen, setAllOpen] = useState(false);
  return (
    <>
      <Section
        id="lapsed"
        title={t('lapsed.title')}
        intro={t('lapsed.intro')}
        params={{ segment: 'lapsed', sort: 'priority' }}
        tools={
          <button type="button" className="button primary" onClick={() => setAllOpen(true)}>
            {t('lapsed.allVip')}
          </button>
        }
        empty={t('lapsed.empty')}
        renderCard={(c, open) => (
          <ClientCard
            key={c.id}
            client={c}
            actions={
              <>
                {hasConfirmedBooking(c) ? null : (
                  <button type="button" className="button primary" onClick={() => open('relaunch')} aria-label={t('action.relaunchFor', { name: c.name })}>
                    {t('action.relaunch')}
                  </button>
                )}
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
                    perYear: number(c.potentialTerms.gigsPerYear),
                  })}
                </li>
              ) : null}
            </ul>
            <PriorityExplanation client={c} />
          </ClientCard>
        )}
      />
      <VipLapsedDialog open={allOpen} onClose={() => setAllOpen(false)} />
    </>
  );
}

export function DormantSection() {
  const { t, inactivity } = useI18n();
  return (
    <Section
      id="dormant"
      title={t('dormant.title')}
      intro={t('dormant.intro')}
      params={{ segment: 'dormant', sort: 'priority' }}
      empty={t('dormant.empty')}
      renderCard={(c, open) => (
        <ClientCard
          key={c.id}
          client={c}
          actions={
            <>
              {hasConfirmedBooking(c) ? null : (
                <button type="button" className="button primary" onClick={() => open('gentle')} aria-label={t('action.gentleFor', { name: c.name })}>
                  {t('action.gentle')}
                </button>
              )}
              <BookingLinks client={c} />
            </>
          }
        >
          {c.daysInactive !== null ? <p className="facts">{t('lapsed.inactive', { time: inactivity(c.daysInactive) })}</p> : null}
        </ClientCard>
      )}
    />
  );
}

export function ActiveSection() {
  const { t } = useI18n();
  return (
    <Section
      id="active"
      title={t('active.title')}
      intro={t('active.intro')}
      params={{ segment: 'active', sort: 'last' }}
      empty={t('active.empty')}
      renderCard={(c) => <ClientCard key={c.id} client={c} actions={<BookingLinks client={c} />} />}
    />
  );
}
