import { lazy, Suspense, useEffect, useRef } from 'react';
import { useClients } from '../../features/clients/api/get-clients';
import { useSettings } from '../../features/settings/api/get-settings';
import { SettingsForm } from '../../features/settings/components/settings-form';
import { useI18n } from '../../lib/i18n';
import { useHash } from '../../lib/router';
import { ErrorMessage, Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';

const MailSettingsPanel = lazy(() =>
  import('../../features/follow-ups/components/mail-settings-form').then((m) => ({ default: m.MailSettingsPanel })),
);
const AlertSettingsPanel = lazy(() =>
  import('../../features/alert/components/alert-settings-form').then((m) => ({ default: m.AlertSettingsPanel })),
);
const ImapSettingsPanel = lazy(() =>
  import('../../features/replies/components/imap-settings-form').then((m) => ({ default: m.ImapSettingsPanel })),
);
const TemplatesEditor = lazy(() =>
  import('../../features/follow-ups/components/templates-editor').then((m) => ({ default: m.TemplatesEditor })),
);

/** The owner changes everything here; a member reads the workspace's settings and is told who changes them. */
export function SettingsRoute({ isOwner }: { isOwner: boolean }) {
  const { t } = useI18n();
  const { data, error, loading } = useSettings();
  const clients = useClients({ sort: 'name', limit: 1000 });
  const mailRef = useRef<HTMLHeadingElement>(null);
  const toMail = useHash().includes('section=mail');
  useEffect(() => {
    // From the generator's « configurer l'envoi » link: straight to the SMTP settings.
    if (toMail && data) {
      mailRef.current?.focus();
      mailRef.current?.scrollIntoView({ block: 'start' });
    }
  }, [toMail, data]);
  return (
    <div className="page narrow">
      <div className="page-head">
        <PageTitle title={t('settings.title')}>{t('settings.title')}</PageTitle>
      </div>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <>
          {isOwner ? null : (
            <p className="alert info" role="note">
              {t('settings.memberNotice')}
            </p>
          )}
          <section className="panel" aria-label={t('settings.title')}>
            <SettingsForm settings={data} readOnly={!isOwner} />
          </section>
          <section className="panel" aria-labelledby="mail-settings" id="mail">
            <h2 id="mail-settings" ref={mailRef} tabIndex={-1}>
              {t('mail.title')}
            </h2>
            {isOwner ? (
              <Suspense fallback={<Loading />}>
                <MailSettingsPanel />
              </Suspense>
            ) : (
              <p className="muted">{t('settings.ownerOnly')}</p>
            )}
          </section>
          <section className="panel" aria-labelledby="alert-settings" id="alert">
            <h2 id="alert-settings">{t('alertSettings.title')}</h2>
            {isOwner ? (
              <Suspense fallback={<Loading />}>
                <AlertSettingsPanel timeZone={data.timeZone} />
              </Suspense>
            ) : (
              <p className="muted">{t('settings.ownerOnly')}</p>
            )}
          </section>
          <section className="panel" aria-labelledby="inbox-settings" id="inbox">
            <h2 id="inbox-settings">{t('inbox.title')}</h2>
            {isOwner ? (
              <Suspense fallback={<Loading />}>
                <ImapSettingsPanel />
              </Suspense>
            ) : (
              <p className="muted">{t('settings.ownerOnly')}</p>
            )}
          </section>
          <section className="panel" aria-labelledby="templates">
            <h2 id="templates">{t('templates.title')}</h2>
            {isOwner ? (
              <Suspense fallback={<Loading />}>
                <TemplatesEditor clients={(clients.data?.clients ?? []).map((c) => ({ id: c.id, name: c.name }))} />
              </Suspense>
            ) : (
              <p className="muted">{t('settings.ownerOnly')}</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
