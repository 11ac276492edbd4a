import { useI18n } from '../../../lib/i18n';
import { BarChart } from './bar-chart';
import { compactNumber } from './format';

/** A client's revenue per year, on its page. */
export function ClientRevenueChart({ totals }: { totals: { year: number; revenue: number; gigs: number }[] }) {
  const { t, money, number, lang } = useI18n();
  const compact = (n: number) => compactNumber(n, lang);
  const years = [...totals].sort((a, b) => a.year - b.year);
  return (
    <section className="panel" aria-label={t('analytics.chart.clientRevenue')}>
      <BarChart
        title={t('analytics.chart.clientRevenue')}
        categories={years.map((y) => String(y.year))}
        categoryHeader={t('analytics.year')}
        series={[{ key: 'revenue', label: t('analytics.revenue'), tone: 'tone-1' }]}
        values={[years.map((y) => y.revenue)]}
        format={money}
        formatAxis={compact}
        extraColumns={[{ header: t('analytics.gigs'), values: years.map((y) => number(y.gigs)) }]}
      />
    </section>
  );
}
