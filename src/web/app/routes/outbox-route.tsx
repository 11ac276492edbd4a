import { lazy } from 'react';
import { useI18n } from '../../lib/i18n';
import { BackToCrmPage } from './back-to-crm-page';

const OutboxList = lazy(() => import('../../features/follow-ups/components/outbox-list').then((m) => ({ default: m.OutboxList })));

/** « Boîte d’envoi »: every e-mail sent through DJ Booker Pro, with cancel, retry and resolve. */
export function OutboxRoute() {
  const { t } = useI18n();
  return (
    <BackToCrmPage title={t('outbox.title')} intro={t('outbox.intro')}>
      <OutboxList />
    </BackToCrmPage>
  );
}
