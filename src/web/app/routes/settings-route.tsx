import { useSettings } from '../../features/settings/api/get-settings';
import { SettingsForm } from '../../features/settings/components/settings-form';
import { useI18n } from '../../lib/i18n';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

export function SettingsRoute() {
  const { t } = useI18n();
  const { data, error, loading } = useSettings();
  return (
    <div className="page narrow">
      <div className="page-head">
        <PageTitle title={t('settings.title')}>{t('settings.title')}</PageTitle>
      </div>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <section className="panel" aria-label={t('settings.title')}>
          <SettingsForm settings={data} />
        </section>
      ) : null}
    </div>
  );
}
