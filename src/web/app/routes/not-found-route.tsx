import { useI18n } from '../../lib/i18n';
import { paths } from '../../lib/router';
import { PageTitle } from '../../ui/page-title';

export function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>
        <a href={paths.crm}>{t('nav.backToCrm')}</a>
      </p>
    </div>
  );
}
