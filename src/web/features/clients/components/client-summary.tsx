import { useState } from 'react';
import type { Client } from '../../../../contracts/clients';
import { formatMoneyRange } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import type { RenderFollowUp } from '../../../lib/slots';
import { useStatusThresholdVars, useThresholds } from '../../../lib/thresholds';
import { ClientBadges, vipReasonText } from './client-badges';
import { PriorityExplanation } from './priority-explanation';
import { Figure } from '../../../ui/figure';

/** The client page's head: figures, badges and why the client has them, and its actions. */
export function ClientSummary({ client, renderFollowUp }: { client: Client; renderFollowUp: RenderFollowUp }) {
  const i18n = useI18n();
  const { t, lang, number, money, date, elapsed, inactivity } = i18n;
  const th = useThresholds();
  const statusVars = useStatusThresholdVars();
  const [contactOpen, setContactOpen] = useState(false);
  const kind = client.status === 'dormant' ? 'gentle' : client.status === 'lapsed' ? 'relaunch' : 'contact';
  const label = t(kind === 'gentle' ? 'action.gentle' : kind === 'relaunch' ? 'action.relaunch' : 'action.contact');
  const statusWhy =
    client.daysInactive === null ? t('why.prospect') : t(`why.${client.status}`, { days: inactivity(client.daysInactive), ...statusVars });
  return (
    <section className="panel" aria-labelledby="summary">
      <h2 id="summary" className="visually-hidden">
        {t('client.summary')}
      </h2>
      <ClientBadges client={client} />
      <dl className="figures wide">
        <Figure term={t('client.gigs')}>{number(client.gigs)}</Figure>
        <Figure term={t('client.revenue')}>{money(client.revenue)}</Figure>
        <Figure term={t('client.firstGig')}>{client.firstDate ? date(client.firstDate) : '—'}</Figure>
        <Figure term={t('client.lastGig')}>
          {client.lastDate ? date(client.lastDate) : '—'}
          {client.daysInactive !== null ? <span className="elapsed">{elapsed(client.daysInactive)}</span> : null}
        </Figure>
        <Figure term={t('client.priceRange')}>
          {client.priceMin !== null && client.priceMax !== null ? formatMoneyRange(client.priceMin, client.priceMax, lang) : '—'}
        </Figure>
        <Figure term={t('client.potential')}>
          {client.potential !== null ? t('client.perYear', { amount: money(Math.round(client.potential)) }) : '—'}
        </Figure>
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
          {label}
        </button>
        <a className="button" href={paths.booking(client.id)}>
          {t('action.newBooking')}
        </a>
      </div>
      {renderFollowUp(contactOpen ? { client, kind } : null, () => setContactOpen(false))}
    </section>
  );
}
