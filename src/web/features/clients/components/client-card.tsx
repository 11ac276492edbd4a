import { useId, useState, type ReactNode } from 'react';
import type { Client } from '../../../../contracts/clients';
import { formatMoneyRange } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { ClientBadges, StatusDot } from './client-badges';
import { Figure } from '../../../ui/figure';

interface ClientCardProps {
  client: Client;
  children?: ReactNode;
  actions: ReactNode;
  /**
   * On a phone, the card folds to its name and this one line, its details behind a disclosure
   * button (the long « à relancer » list); on a wider screen it is always whole.
   */
  summary?: ReactNode;
}

/** One client in the CRM page's lists: name, badges, the guide's figures, then the section's own lines and actions. */
export function ClientCard({ client, children, actions, summary }: ClientCardProps) {
  const { t, lang, number, money, date, elapsed } = useI18n();
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  const foldable = summary !== undefined;
  return (
    <li className={`card client-card${foldable ? (open ? ' foldable open' : ' foldable folded') : ''}`} data-testid="client-card">
      <div className="card-head">
        <h3>
          <StatusDot status={client.status} />
          <a href={paths.client(client.id)}>{client.name}</a>
        </h3>
        <ClientBadges client={client} />
      </div>
      {foldable ? (
        <div className="card-summary">
          <p>{summary}</p>
          <button
            type="button"
            className="button disclosure"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={t('card.showDetailsFor', { name: client.name })}
            onClick={() => setOpen((o) => !o)}
          >
            {t(open ? 'card.hideDetails' : 'card.showDetails')}
          </button>
        </div>
      ) : null}
      <div className="card-details" id={detailsId}>
        <dl className="figures">
          <Figure term={t('client.gigs')}>{number(client.gigs)}</Figure>
          <Figure term={t('client.revenue')}>{money(client.revenue)}</Figure>
          <Figure term={t('client.lastGig')}>
            {client.lastDate ? date(client.lastDate) : '—'}
            {client.daysInactive !== null ? <span className="elapsed">{elapsed(client.daysInactive)}</span> : null}
          </Figure>
          <Figure term={t('client.priceRange')}>
            {client.priceMin !== null && client.priceMax !== null ? formatMoneyRange(client.priceMin, client.priceMax, lang) : '—'}
          </Figure>
        </dl>
        {children}
        <div className="actions">{actions}</div>
      </div>
    </li>
  );
}
