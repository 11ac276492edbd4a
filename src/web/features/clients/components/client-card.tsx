import type { ReactNode } from 'react';
import type { Client } from '../../../lib/entities';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { ClientBadges, StatusDot } from './client-badges';

/** One client in the CRM page's lists: name, badges, the guide's figures, then the section's own lines and actions. */
export function ClientCard({ client, children, actions }: { client: Client; children?: ReactNode; actions: ReactNode }) {
  const { t, number, money, date, elapsed } = useI18n();
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
        <div>
          <dt>{t('client.gigs')}</dt>
          <dd>{number(client.gigs)}</dd>
        </div>
        <div>
          <dt>{t('client.revenue')}</dt>
          <dd>{money(client.revenue)}</dd>
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
      </dl>
      {children}
      <div className="actions">{actions}</div>
    </li>
  );
}
