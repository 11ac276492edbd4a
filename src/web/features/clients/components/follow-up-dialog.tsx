import type { Client } from '../../../lib/entities';
import { useI18n } from '../../../lib/i18n';
import { Dialog } from '../../../ui/dialog';
import { ContactLinks } from './contact-links';

export type FollowUpKind = 'contact' | 'relaunch' | 'gentle';

/**
 * What Contacter / Relancer / Rappel doux open until the e-mail generator (the next issue)
 * exists: the client's figures the generator will quote, the template it will use, and the
 * ways to reach the client now.
 */
export function FollowUpDialog({ client, kind, onClose }: { client: Client | null; kind: FollowUpKind; onClose: () => void }) {
  const { t, number, money, date, elapsed } = useI18n();
  const template = kind === 'gentle' ? 'gentle' : client?.vip ? 'vip' : 'standard';
  return (
    <Dialog open={client !== null} onClose={onClose} title={client ? t(`followUp.title.${kind}`, { name: client.name }) : ''}>
      {client ? (
        <div className="stack">
          <p className="alert info">{t('followUp.comingSoon')}</p>
          <p>
            {t('followUp.template')} <strong>{t(`followUp.template.${template}`)}</strong>
          </p>
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
              <dd>{client.lastDate ? date(client.lastDate) : '—'}</dd>
            </div>
            <div>
              <dt>{t('client.daysInactive')}</dt>
              <dd>{client.daysInactive === null ? '—' : `${number(client.daysInactive)} (${elapsed(client.daysInactive)})`}</dd>
            </div>
          </dl>
          <ContactLinks client={client} />
        </div>
      ) : null}
    </Dialog>
  );
}
