import { lazy } from 'react';
import { useI18n } from '../../lib/i18n';
import { BackToCrmPage } from './back-to-crm-page';

const VipBatchReview = lazy(() =>
  import('../../features/follow-ups/components/vip-batch-review').then((m) => ({ default: m.VipBatchReview })),
);

/** « Relancer tous les VIP inactifs »: review each message, then send them all. */
export function VipBatchRoute() {
  const { t } = useI18n();
  return (
    <BackToCrmPage title={t('lapsed.allVipTitle')} intro={t('batch.intro')}>
      <VipBatchReview />
    </BackToCrmPage>
  );
}
