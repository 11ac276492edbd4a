import { lazy, Suspense } from 'react';
import { useI18n } from '../../lib/i18n';
import { navigate, paths } from '../../lib/router';
import { Loading } from '../../ui/messages';
import { PageTitle } from '../../ui/page-title';
import type { PeriodChoice, PeriodState } from '../../features/analytics/components/dashboard';
import { ReportPdfLink } from '../../features/exports/components/export-links';

// The page and its charts load on demand: none of it is in the first visit's JavaScript.
const DashboardPage = lazy(() => import('../../features/analytics/components/dashboard').then((m) => ({ default: m.DashboardPage })));

const CHOICES: readonly PeriodChoice[] = ['last12', 'year', 'custom'];

function periodOf(query: URLSearchParams): PeriodState {
  const asked = query.get('period');
  const choice = CHOICES.find((c) => c === asked) ?? 'last12';
  const date = (name: string) => {
    const v = query.get(name);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  return choice === 'custom' ? { choice, from: date('from'), to: date('to') } : { choice };
}

/** « Tableau de bord »: the period lives in the address, so that a custom one can be bookmarked. */
export function DashboardRoute({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const period = periodOf(query);
  const onPeriod = (p: PeriodState) => {
    const q: Record<string, string> = { period: p.choice };
    if (p.from) q.from = p.from;
    if (p.to) q.to = p.to;
    navigate(paths.dashboard(q));
  };
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('analytics.title')}>{t('analytics.title')}</PageTitle>
        <p className="muted">{t('analytics.intro')}</p>
      </div>
      <Suspense fallback={<Loading />}>
        <DashboardPage
          key={query.toString()}
          period={period}
          onPeriod={onPeriod}
          actions={(from, to) => <ReportPdfLink from={from} to={to} />}
        />
      </Suspense>
    </div>
  );
}
