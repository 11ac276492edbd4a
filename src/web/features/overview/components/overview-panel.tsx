import { useI18n } from '../../../lib/i18n';
import { paths } from '../../../lib/router';
import { useStatusThresholdVars } from '../../../lib/thresholds';
import type { Overview } from '../api/get-overview';

/** The guide's « Vue d'ensemble »: each figure links to the list it counts. */
export function OverviewPanel({ overview }: { overview: Overview }) {
  const { t, tn, money, number, percent } = useI18n();
  const { statuses, activeShare } = overview;
  const th = useStatusThresholdVars();
  const ratio = activeShare.ratio ?? 0;
  const reached = ratio >= activeShare.objective;
  const tiles: { label: string; value: string; href: string; tone?: string }[] = [
    { label: t('overview.clients'), value: number(overview.clients), href: paths.clients() },
    { label: t('overview.vip'), value: number(overview.vip), href: paths.clients({ segment: 'vip' }), tone: 'vip' },
    { label: t('overview.active', th), value: number(statuses.active), href: paths.clients({ segment: 'active' }), tone: 'active' },
    { label: t('overview.dormant', th), value: number(statuses.dormant), href: paths.clients({ segment: 'dormant' }), tone: 'dormant' },
    { label: t('overview.lapsed', th), value: number(statuses.lapsed), href: paths.clients({ segment: 'lapsed' }), tone: 'lapsed' },
    { label: t('overview.prospects'), value: number(statuses.prospect), href: paths.clients({ segment: 'prospect' }) },
    { label: t('overview.revenue'), value: money(overview.revenue), href: paths.clients({ sort: 'revenue' }) },
    { label: t('overview.gigs'), value: number(overview.gigs), href: paths.clients({ sort: 'gigs' }) },
  ];
  return (
    <div className="overview">
      <ul className="tiles" data-testid="overview">
        {tiles.map((tile) => (
          <li key={tile.label} className={`tile ${tile.tone ?? ''}`}>
            <a href={tile.href}>
              <span className="tile-value">{tile.value}</span>
              <span className="tile-label">{tile.label}</span>
            </a>
          </li>
        ))}
      </ul>
      {activeShare.withGigs === 0 ? (
        <p className="muted">{t('overview.noGigs', { objective: percent(activeShare.objective) })}</p>
      ) : (
        <div className="share">
          <p>
            <strong>{percent(ratio)}</strong> {tn('overview.share', activeShare.withGigs, { active: number(activeShare.active) })}
          </p>
          <meter
            min={0}
            max={1}
            value={ratio}
            low={activeShare.objective}
            optimum={1}
            aria-label={t('overview.shareMeter', { objective: percent(activeShare.objective) })}
          />
          <p className={reached ? 'ok' : 'warn'}>
            {reached
              ? t('overview.objectiveMet', { objective: percent(activeShare.objective) })
              : t('overview.objectiveMissed', { objective: percent(activeShare.objective) })}
          </p>
        </div>
      )}
    </div>
  );
}
