import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import type { Session } from '../features/auth/api/get-me';
import { useSettings } from '../features/settings/api/get-settings';
import { updateSettings } from '../features/settings/api/update-settings';
import type { Lang } from '../lib/format';
import { I18nProvider, useI18n } from '../lib/i18n';
import { queryClient } from '../lib/query';
import { parseRoute, useHash, type Route } from '../lib/router';
import { GUIDE_THRESHOLDS, ThresholdsContext } from '../lib/thresholds';
import { ErrorMessage, Loading } from '../ui/messages';
import { RouteErrorBoundary } from '../ui/route-error-boundary';
import { CrmRoute } from './routes/crm-route';
import { NotFoundRoute } from './routes/not-found-route';
import { useSession } from './session';
import { Shell } from './shell';

// Every page but the CRM (the first one) and the sign-in forms are chunks of their own: the first
// visit downloads only what it shows (the 150 KB budget of vite.config.ts).
const AgendaRoute = lazy(() => import('./routes/agenda-route').then((m) => ({ default: m.AgendaRoute })));
const BookingRoute = lazy(() => import('./routes/booking-route').then((m) => ({ default: m.BookingRoute })));
const ClientRoute = lazy(() => import('./routes/client-route').then((m) => ({ default: m.ClientRoute })));
const ClientsRoute = lazy(() => import('./routes/clients-route').then((m) => ({ default: m.ClientsRoute })));
const DashboardRoute = lazy(() => import('./routes/dashboard-route').then((m) => ({ default: m.DashboardRoute })));
const SettingsRoute = lazy(() => import('./routes/settings-route').then((m) => ({ default: m.SettingsRoute })));
const VipBatchRoute = lazy(() => import('./routes/vip-batch-route').then((m) => ({ default: m.VipBatchRoute })));
const OutboxRoute = lazy(() => import('./routes/outbox-route').then((m) => ({ default: m.OutboxRoute })));
const SetupForm = lazy(() => import('../features/auth/components/setup-form').then((m) => ({ default: m.SetupForm })));
const SignInForm = lazy(() => import('../features/auth/components/sign-in-form').then((m) => ({ default: m.SignInForm })));

function page(route: Route, session: Session) {
  switch (route.name) {
    case 'crm':
      return <CrmRoute />;
    case 'dashboard':
      return <DashboardRoute query={route.query} />;
    case 'clients':
      return <ClientsRoute query={route.query} />;
    case 'client':
      return <ClientRoute key={route.id} id={route.id} focusNotes={route.focusNotes} />;
    case 'booking':
      return <BookingRoute key={route.id} id={route.id} />;
    case 'agenda':
      return <AgendaRoute />;
    case 'settings':
      return <SettingsRoute isOwner={session.user.role === 'owner'} />;
    case 'vipBatch':
      return <VipBatchRoute />;
    case 'outbox':
      return <OutboxRoute />;
    case 'notFound':
      return <NotFoundRoute />;
  }
}

const NAV_OF: Partial<Record<Route['name'], string>> = {
  crm: 'crm',
  dashboard: 'dashboard',
  clients: 'clients',
  client: 'clients',
  booking: 'clients',
  agenda: 'agenda',
  settings: 'settings',
  vipBatch: 'crm',
  outbox: 'crm',
};

function SignedInApp({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { setLang } = useI18n();
  const route = parseRoute(useHash());
  const settings = useSettings();
  const language = settings.data?.language;
  // The workspace's language wins once signed in: the choice follows the user to another browser.
  useEffect(() => {
    if (language) setLang(language);
  }, [language, setLang]);
  const changeLanguage = (lang: Lang) => {
    setLang(lang);
    // The workspace's settings are the owner's: a member's choice stays in this browser.
    if (session.user.role === 'owner') void updateSettings({ language: lang }).catch(() => undefined);
  };
  return (
    <ThresholdsContext.Provider value={settings.data?.thresholds ?? GUIDE_THRESHOLDS}>
      <Shell current={NAV_OF[route.name]} userName={session.user.name} onSignOut={onSignOut} onLanguage={changeLanguage}>
        <RouteErrorBoundary key={'id' in route ? `${route.name}:${route.id}` : route.name}>
          <Suspense fallback={<Loading />}>{page(route, session)}</Suspense>
        </RouteErrorBoundary>
      </Shell>
    </ThresholdsContext.Provider>
  );
}

function Gate() {
  const { setLang } = useI18n();
  const { state, signedIn, signOut, retry } = useSession();
  const { t } = useI18n();
  switch (state.name) {
    case 'loading':
      return (
        <Shell onLanguage={setLang}>
          <Loading />
        </Shell>
      );
    case 'unreachable':
      return (
        <Shell onLanguage={setLang}>
          <div className="auth-card">
            <ErrorMessage error={state.error} />
            <button type="button" className="button" onClick={() => void retry()}>
              {t('common.retry')}
            </button>
          </div>
        </Shell>
      );
    case 'signedOut':
      return (
        <Shell onLanguage={setLang}>
          <Suspense fallback={<Loading />}>
            {state.setup.needsSetup ? <SetupForm needsCode={state.setup.needsCode} onDone={signedIn} /> : <SignInForm onDone={signedIn} />}
          </Suspense>
        </Shell>
      );
    case 'signedIn':
      return <SignedInApp session={state.session} onSignOut={() => void signOut()} />;
  }
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Gate />
      </I18nProvider>
    </QueryClientProvider>
  );
}
