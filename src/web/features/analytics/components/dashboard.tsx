/**
 * « Tableau de bord »: the guide's KPIs and objectives for a period, then the charts. Every figure
 * opens the list of the clients behind it; a rate nobody is concerned by says so, never 0 %.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { KpisJson } from '../../../../contracts/kpis';
import { useI18n } from '../../../lib/i18n';
import type { MessageKey } from '../../../../contracts/messages/fr';
import { paths } from '../../../lib/router';
import { useStatusThresholdVars } from '../../../lib/thresholds';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useDashboard, type Dashboard, type PeriodQuery } from '../api/get-dashboard';
import { BarChart, BarTable } from './bar-chart';
import { compactNumber, monthLabel, monthName } from './format';

export type PeriodChoice = 'year' | 'last12' | 'custom';

export interface PeriodState {
  choice: PeriodChoice;
  from?: string;
  to?: string;
}

/** This year: from 1 January of the year of `today` (the browser's day) to today. */
export function queryOf(p: PeriodState, today: string): PeriodQuery {
  if (p.choice === 'year') return { from: `${today.slice(0, 4)}-01-01` };
  if (p.choice === 'custom') return { from: p.from, to: p.to };
  return {};
}

function browserToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `actions`: what the app puts beside the period shown (the PDF report of that period). */
export function DashboardPage({
  period,
  onPeriod,
  actions,
}: {
  period: PeriodState;
  onPeriod: (p: PeriodState) => void;
  actions?: (from: string, to: string) => ReactNode;
}) {
  const { t, date } = useI18n();
  const { data, error, loading } = useDashboard(queryOf(period, browserToday()));
  return (
    <>
      <section className="panel" aria-labelledby="period-title">
        <h2 id="period-title" className="visually-hidden">
          {t('analytics.period')}
        </h2>
        <PeriodPicker period={period} onPeriod={onPeriod} />
        {data ? <p className="muted">{t('analytics.periodShown', { from: date(data.kpis.from), to: date(data.kpis.to) })}</p> : null}
        {data && actions ? <p className="actions">{actions(data.kpis.from, data.kpis.to)}</p> : null}
      </section>
      {loading && !data ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? (
        <>
          <KpiSection data={data} />
          <ObjectivesSection data={data} />
          <ChartsSection data={data} />
        </>
      ) : null}
    </>
  );
}

function PeriodPicker({ period, onPeriod }: { period: PeriodState; onPeriod: (p: PeriodState) => void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<PeriodChoice>(period.choice);
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const choose = (c: PeriodChoice) => {
    setChoice(c);
    if (c !== 'custom') onPeriod({ choice: c });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onPeriod({ choice: 'custom', from: from || undefined, to: to || undefined });
  };
  const options: [PeriodChoice, MessageKey][] = [
    ['last12', 'analytics.last12'],
    ['year', 'analytics.thisYear'],
    ['custom', 'analytics.custom'],
  ];
  return (
    <form onSubmit={apply}>
      <fieldset className="period">
        <legend>{t('analytics.period')}</legend>
        {options.map(([c, label]) => (
          <label key={c} className="radio">
            <input type="radio" name="period" value={c} checked={choice === c} onChange={() => choose(c)} />
            {t(label)}
          </label>
        ))}
        {choice === 'custom' ? (
          <span className="custom">
            <label>
              {t('analytics.from')}
              <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              {t('analytics.to')}
              <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
            </label>
            <button type="submit" className="button primary">
              {t('analytics.apply')}
            </button>
          </span>
        ) : null}
      </fieldset>
    </form>
  );
}

/** The clients behind a figure, as links to their pages; the first 100, then how many more. */
function Who({ ids, names, label }: { ids: number[]; names: Dashboard['names']; label: string }) {
  const { t, tn } = useI18n();
  if (ids.length === 0) return null;
  const shown = ids.filter((id) => names[String(id)] !== undefined);
  return (
    <details className="who">
      <summary>
        {label} ({tn('analytics.clients', ids.length)})
      </summary>
      <ul>
        {shown.map((id) => (
          <li key={id}>
            <a href={paths.client(id)}>{names[String(id)]}</a>
          </li>
        ))}
      </ul>
      {ids.length > shown.length ? <p className="hint">{t('analytics.more', { n: ids.length - shown.length })}</p> : null}
    </details>
  );
}

function KpiSection({ data }: { data: Dashboard }) {
  const { t, tn, money, percent, number } = useI18n();
  const th = useStatusThresholdVars();
  const k = data.kpis;
  const ids = k.clientIds;
  const rate = (r: number | null) => (r === null ? t('analytics.noFollowUp') : percent(r));
  return (
    <section className="panel stack" aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('analytics.kpis')}</h2>
      <ul className="kpis">
        <li className="kpi">
          <h3>{t('analytics.reactivationRate')}</h3>
          <p className={k.reactivationRate.all === null ? 'kpi-value none' : 'kpi-value'}>{rate(k.reactivationRate.all)}</p>
          {k.followedUp.all > 0 ? (
            <p className="hint">
              {t('analytics.respondedOf', { responded: number(k.responded.all), followedUp: number(k.followedUp.all) })}
            </p>
          ) : null}
          <p>
            {t('analytics.vipRate', { rate: rate(k.reactivationRate.vip) })} ·{' '}
            {t('analytics.regularRate', { rate: rate(k.reactivationRate.regular) })}
          </p>
          <Who ids={ids.followedUp.all} names={data.names} label={t('analytics.followedUp')} />
          <Who ids={ids.responded.all} names={data.names} label={t('analytics.responded')} />
        </li>
        <li className="kpi">
          <h3>{t('analytics.reactivationRevenue')}</h3>
          <p className="kpi-value">{money(k.reactivationRevenue)}</p>
          {k.reactivationRevenueUpcoming > 0 ? <p>{t('analytics.upcoming', { amount: money(k.reactivationRevenueUpcoming) })}</p> : null}
          <p className="hint">{t('analytics.reactivationRevenueHint')}</p>
          <Who ids={ids.reactivationRevenue} names={data.names} label={t('analytics.reactivatedClients')} />
          <Who ids={ids.reactivationRevenueUpcoming} names={data.names} label={t('analytics.upcomingClients')} />
        </li>
        <li className="kpi">
          <h3>{t('analytics.inactivity')}</h3>
          <p className={k.avgInactivityBeforeReturnDays === null ? 'kpi-value none' : 'kpi-value'}>
            {k.avgInactivityBeforeReturnDays === null
              ? t('analytics.noReturn')
              : t('analytics.days', { n: number(Math.round(k.avgInactivityBeforeReturnDays)) })}
          </p>
          <p className="hint">{tn('analytics.returns', k.returns, th)}</p>
          <Who ids={ids.returns} names={data.names} label={t('analytics.returningClients')} />
        </li>
      </ul>
    </section>
  );
}

const OBJECTIVE_LABEL: Record<KpisJson['objectives'][number]['key'], MessageKey> = {
  vipReactivation: 'analytics.objective.vip',
  regularReactivation: 'analytics.objective.regular',
  activeShare: 'analytics.objective.active',
};

function ObjectivesSection({ data }: { data: Dashboard }) {
  const { t, percent, tn } = useI18n();
  const th = useStatusThresholdVars();
  const ids = data.kpis.clientIds;
  return (
    <section className="panel stack" aria-labelledby="objectives-title">
      <h2 id="objectives-title">{t('analytics.objectives')}</h2>
      <ul className="objectives">
        {data.kpis.objectives.map((o) => {
          const label = t(OBJECTIVE_LABEL[o.key], th);
          const population =
            o.key === 'vipReactivation' ? ids.vipReactivation : o.key === 'regularReactivation' ? ids.regularReactivation : null;
          return (
            <li key={o.key} className={`objective ${o.met === null ? '' : o.met ? 'met' : 'missed'}`}>
              <h3>{label}</h3>
              <p>
                <strong>{o.value === null ? (population ? t('analytics.noFollowUp') : t('analytics.noGigs')) : percent(o.value)}</strong>{' '}
                <span className="muted">{t('analytics.target', { target: percent(o.target) })}</span>
                {o.met === null ? null : <> — {o.met ? t('analytics.met') : t('analytics.missed')}</>}
              </p>
              {o.value !== null ? (
                <meter min={0} max={1} value={o.value} low={o.target} optimum={1} aria-label={`${label} : ${percent(o.value)}`} />
              ) : null}
              {o.pending > 0 ? <p className="hint">{tn('analytics.pending', o.pending)}</p> : null}
              {population ? (
                <>
                  <Who ids={population.population} names={data.names} label={t('analytics.lapsedFollowedUp')} />
                  <Who ids={population.reactivated} names={data.names} label={t('analytics.reactivated')} />
                  <Who ids={population.pending} names={data.names} label={t('analytics.pendingClients')} />
                </>
              ) : (
                <Who ids={ids.activeShare} names={data.names} label={t('analytics.activeClients')} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ChartsSection({ data }: { data: Dashboard }) {
  const { t, money, number, percent, lang } = useI18n();
  const c = data.charts;
  const compact = (n: number) => compactNumber(n, lang);
  const months = c.revenueByMonth.map((m) => monthLabel(m.month, lang));
  const statusMonths = c.statusesByMonth.map((m) => monthLabel(m.month, lang));
  const followMonths = c.followUpsByMonth.map((m) => monthLabel(m.month, lang));
  const share = c.vipShare.share;
  return (
    <section className="panel stack" aria-labelledby="charts-title">
      <h2 id="charts-title">{t('analytics.charts')}</h2>
      <div className="dashboard-grid">
        <BarChart
          title={t('analytics.chart.revenueByMonth')}
          summary={t('analytics.chart.revenueByMonthHint')}
          categories={months}
          categoryHeader={t('analytics.month')}
          series={[
            { key: 'now', label: t('analytics.revenue'), tone: 'tone-1' },
            { key: 'before', label: t('analytics.previousYear'), tone: 'tone-2' },
          ]}
          values={[c.revenueByMonth.map((m) => m.revenue), c.revenueByMonth.map((m) => m.previousYear)]}
          format={money}
          formatAxis={compact}
        />
        <BarChart
          title={t('analytics.chart.revenueByYear')}
          categories={c.revenueByYear.map((y) => String(y.year))}
          categoryHeader={t('analytics.year')}
          series={[{ key: 'revenue', label: t('analytics.revenue'), tone: 'tone-1' }]}
          values={[c.revenueByYear.map((y) => y.revenue)]}
          format={money}
          formatAxis={compact}
          extraColumns={[{ header: t('analytics.gigs'), values: c.revenueByYear.map((y) => number(y.gigs)) }]}
        />
        <BarChart
          title={t('analytics.chart.statuses')}
          summary={t('analytics.chart.statusesHint')}
          categories={statusMonths}
          categoryHeader={t('analytics.monthEnd')}
          series={[
            { key: 'active', label: t('analytics.status.active'), tone: 'tone-active' },
            { key: 'dormant', label: t('analytics.status.dormant'), tone: 'tone-dormant' },
            { key: 'lapsed', label: t('analytics.status.lapsed'), tone: 'tone-lapsed' },
          ]}
          values={[c.statusesByMonth.map((m) => m.active), c.statusesByMonth.map((m) => m.dormant), c.statusesByMonth.map((m) => m.lapsed)]}
          stacked
          format={number}
        />
        <BarTable
          title={t('analytics.chart.vipShare')}
          summary={
            share === null
              ? t('analytics.noRevenue')
              : t('analytics.chart.vipShareHint', { share: percent(share), n: number(c.vipShare.vipClients) })
          }
          header={t('analytics.clientsHeader')}
          valueHeader={t('analytics.revenue')}
          extra={t('analytics.share')}
          rows={[
            { label: t('analytics.vip'), value: c.vipShare.vip, tone: 'tone-1', extra: share === null ? '—' : percent(share) },
            { label: t('analytics.others'), value: c.vipShare.others, tone: 'tone-2', extra: share === null ? '—' : percent(1 - share) },
          ]}
          format={money}
        />
        <BarTable
          title={t('analytics.chart.byType')}
          header={t('analytics.type')}
          valueHeader={t('analytics.revenue')}
          extra={t('analytics.gigs')}
          rows={c.revenueByType.map((x) => ({
            label: x.others ? t('analytics.otherTypes') : (x.type ?? t('analytics.noType')),
            value: x.revenue,
            tone: 'tone-3',
            extra: number(x.gigs),
          }))}
          format={money}
        />
        <BarChart
          title={t('analytics.chart.seasons')}
          summary={t('analytics.chart.seasonsHint')}
          categories={c.revenueByMonthOfYear.map((m) => monthName(m.month, lang, 'short'))}
          categoryNames={c.revenueByMonthOfYear.map((m) => monthName(m.month, lang))}
          categoryHeader={t('analytics.month')}
          series={[{ key: 'revenue', label: t('analytics.revenue'), tone: 'tone-3' }]}
          values={[c.revenueByMonthOfYear.map((m) => m.revenue)]}
          format={money}
          formatAxis={compact}
          extraColumns={[{ header: t('analytics.gigs'), values: c.revenueByMonthOfYear.map((m) => number(m.gigs)) }]}
        />
        <BarChart
          title={t('analytics.chart.followUps')}
          summary={t('analytics.chart.followUpsHint')}
          categories={followMonths}
          categoryHeader={t('analytics.month')}
          series={[
            { key: 'booking', label: t('analytics.outcome.booking'), tone: 'tone-active' },
            { key: 'answered', label: t('analytics.outcome.answered'), tone: 'tone-3' },
            { key: 'declined', label: t('analytics.outcome.declined'), tone: 'tone-lapsed' },
            { key: 'noAnswer', label: t('analytics.outcome.noAnswer'), tone: 'tone-4' },
            { key: 'waiting', label: t('analytics.outcome.waiting'), tone: 'tone-5' },
          ]}
          values={[
            c.followUpsByMonth.map((m) => m.booking),
            c.followUpsByMonth.map((m) => m.answered),
            c.followUpsByMonth.map((m) => m.declined),
            c.followUpsByMonth.map((m) => m.noAnswer),
            c.followUpsByMonth.map((m) => m.waiting),
          ]}
          stacked
          format={number}
          extraColumns={[
            { header: t('analytics.sent'), values: c.followUpsByMonth.map((m) => number(m.sent)) },
            { header: t('analytics.failed'), values: c.followUpsByMonth.map((m) => number(m.failed)) },
          ]}
        />
      </div>
    </section>
  );
}
