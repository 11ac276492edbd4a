import type { ReactNode } from 'react';
import type { Client } from '../../../lib/entities';
import { formatMoneyRange } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { ClientBadges, StatusDot } from './client-badges';
import { Figure } from '../../../ui/figure';

/** One client in the CRM page's lists: name, badges, the guide's figures, then the section's own lines and actions. */
export function ClientCard({ client, children, actions }: { client: Client; children?: ReactNode; actions: ReactNode }) {
  const { t, lang, number, money, date, elapsed } = useI18n();
  return (
    <li className="card client-card" data-testid="client-card">
      <div className="card-head">
        <h3>
          <StatusDot status={client.status} />
          <a href={paths.client(client.id)}>{client.name}</a>
        </h3>
        <ClientBadges client={client} />
      </div>
      <dl className="figures">
        <Figure term={t('client.gigs')}>{number(client.gigs)}</Figure>
        <Figure term={t('client.revenue')}>{money(client.revenue)}</Figure>
        <Figure term={t('client.lastGig')}>
          {client.lastDate ? date(client.lastDate) : '—'}
          {client.daysInactive !== null ? <span className="elapsed">{elapsed(client.daysInactive)}</span> : null}
        </Figure>
        <Figure term={t('client.priceRange')}>{client.priceMin !== null && client.priceMax !== null ? formatMoneyRange(client.priceMin, client.priceMax, lang) : '—'}</Figure>
      </dl>
      {children}
      <div className="actions">{actions}</div>
    </li>
  );
}
