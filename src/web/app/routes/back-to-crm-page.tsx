import { Suspense, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

/** A narrow page reached from the CRM (the VIP batch, the outbox): the way back, its title and intro, its lazy content. */
export function BackToCrmPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <p>
        <a href={paths.crm}>← {t('nav.backToCrm')}</a>
      </p>
      <div className="page-head">
        <PageTitle title={title}>{title}</PageTitle>
        <p className="muted">{intro}</p>
      </div>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </div>
  );
}
