import { lazy, Suspense } from 'react';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

const VipBatchReview = lazy(() => import('../../features/follow-ups/components/vip-batch-review').then((m) => ({ default: m.VipBatchReview })));

/** « Relancer tous les VIP inactifs »: review each message, then send them all. */
export function VipBatchRoute() {
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <p>
        <a href={paths.crm}>← {t('nav.backToCrm')}</a>
      </p>
      <div className="page-head">
        <PageTitle title={t('lapsed.allVipTitle')}>{t('lapsed.allVipTitle')}</PageTitle>
        <p className="muted">{t('batch.intro')}</p>
      </div>
      <Suspense fallback={<Loading />}>
        <VipBatchReview />
      </Suspense>
    </div>
  );
}
