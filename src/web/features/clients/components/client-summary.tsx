import { useState } from 'react';
import type { Client } from '../../../lib/entities';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { useThresholds } from '../../../lib/thresholds';
import { ClientBadges, vipReasonText } from './client-badges';
import { FollowUpDialog } from './follow-up-dialog';
import { PriorityExplanation } from './priority-explanation';

/** The client page's head: figures, badges and why the client has them, and its actions. */
export function ClientSummary({ client }: { client: Client }) {
  const i18n = useI18n();
  const { t, number, money, date, elapsed, inactivity } = i18n;
  const th = useThresholds();
  const [contactOpen, setContactOpen] = useState(false);
  const statusWhy =
    client.daysInactive === null
      ? t('why.prospect')
      : t(`why.${client.status}`, { days: inactivity(client.daysInactive), active: number(th.activeDays), lapsed: number(th.lapsedDays) });
  return (
    <section className="panel" aria-labelledby="summary">
      <h2 id="summary" className="visually-hidden">
        {t('client.summary')}
      </h2>
      <ClientBadges client={client} />
      <dl className="figures wide">
        <div>
          <dt>{t('client.gigs')}</dt>
          <dd>{number(client.gigs)}</dd>
        </div>
        <div>
          <dt>{t('client.revenue')}</dt>
          <dd>{money(client.revenue)}</dd>
        </div>
        <div>
          <dt>{t('client.firstGig')}</dt>
          <dd>{client.firstDate ? date(client.firstDate) : '—'}</dd>
        </div>
        <div>
          <dt>{t('client.lastGig')}</dt>
          <dd>
            {client.lastDate ? date(client.lastDate) : '—'}
            {client.daysInactive !== null ? <span className="elapsed">{elapsed(client.daysInactive)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('client.priceRange')}</dt>
          <dd>{client.priceMin !== null && client.priceMax !== null ? `${money(client.priceMin)} – ${money(client.priceMax)}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('client.potential')}</dt>
          <dd>{client.potential !== null ? t('client.perYear', { amount: money(Math.round(client.potential)) }) : '—'}</dd>
        </div>
      </dl>
      <ul className="reasons">
        <li>{statusWhy}</li>
        {client.vipReasons.map((r) => (
          <li key={r}>
            {t('vip.because')} {vipReasonText(r, client, th, i18n)}
          </li>
        ))}
      </ul>
      {client.status === 'lapsed' || client.status === 'dormant' ? <PriorityExplanation client={client} /> : null}
      <div className="actions">
        <button type="button" className="button primary" onClick={() => setContactOpen(true)}>
          {t('action.contact')}
        </button>
        <a className="button" href={paths.booking(client.id)}>
          {t('action.newBooking')}
        </a>
      </div>
      <FollowUpDialog
        client={contactOpen ? client : null}
        kind={client.status === 'dormant' ? 'gentle' : client.status === 'lapsed' ? 'relaunch' : 'contact'}
        onClose={() => setContactOpen(false)}
      />
    </section>
  );
}
