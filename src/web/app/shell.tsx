import type { ReactNode } from 'react';
import type { Lang } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { paths } from '../lib/router';

const OTHER: Record<Lang, { lang: Lang; label: string }> = { fr: { lang: 'en', label: 'English' }, en: { lang: 'fr', label: 'Français' } };

interface ShellProps {
  children: ReactNode;
  current?: string;
  userName?: string;
  onSignOut?: () => void;
  onLanguage: (lang: Lang) => void;
}

/** Header, navigation and main landmark around every page. */
export function Shell({ children, current, userName, onSignOut, onLanguage }: ShellProps) {
  const { t, lang } = useI18n();
  const other = OTHER[lang];
  const nav = [
    { href: paths.crm, label: t('nav.crm'), id: 'crm' },
    { href: paths.dashboard(), label: t('nav.dashboard'), id: 'dashboard' },
    { href: paths.clients(), label: t('nav.clients'), id: 'clients' },
    { href: paths.agenda, label: t('nav.agenda'), id: 'agenda' },
    { href: paths.settings, label: t('nav.settings'), id: 'settings' },
  ];
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href={paths.crm}>
            <span aria-hidden="true">🎧 </span>DJ Booker Pro
          </a>
          {onSignOut ? (
            <nav aria-label={t('nav.label')}>
              <ul>
                {nav.map((n) => (
                  <li key={n.id}>
                    <a href={n.href} aria-current={current === n.id ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="topbar-tools">
            <button type="button" className="button ghost" lang={other.lang} onClick={() => onLanguage(other.lang)}>
              {other.label}
            </button>
            {onSignOut ? (
              <button type="button" className="button ghost" onClick={onSignOut} title={userName}>
                {t('nav.signOut')}
              </button>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
