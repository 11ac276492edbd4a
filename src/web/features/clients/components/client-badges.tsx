import { useId } from 'react';
import type { Client, ClientStatus, VipReason } from '../../../../contracts/clients';
import type { Thresholds } from '../../../../contracts/settings';
import { useI18n, type I18n } from '../../../lib/i18n';
import { useThresholds } from '../../../lib/thresholds';

const STATUS_ICON: Record<ClientStatus, string> = { active: '🟢', dormant: '🟠', lapsed: '🔴', prospect: '⚪' };

/** The colour dot before a name says the status at a glance; the badge says it in words. */
export function StatusDot({ status }: { status: ClientStatus }) {
  return <span className={`dot ${status}`} aria-hidden="true" />;
}

export function StatusBadge({ status }: { status: ClientStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]} </span>
      {t(`status.${status}`)}
    </span>
  );
}

export function vipReasonText(reason: VipReason, client: Pick<Client, 'gigs' | 'revenue'>, th: Thresholds, i18n: I18n): string {
  switch (reason) {
    case 'gigs':
      return i18n.t('vip.reason.gigs', { min: i18n.number(th.vipMinGigs), gigs: i18n.number(client.gigs) });
    case 'revenue':
      return i18n.t('vip.reason.revenue', { min: i18n.money(th.vipMinRevenue), revenue: i18n.money(client.revenue) });
    case 'activeGigs':
      return i18n.t('vip.reason.activeGigs', {
        days: i18n.number(th.activeDays),
        min: i18n.number(th.vipActiveMinGigs),
        gigs: i18n.number(client.gigs),
      });
  }
}

/**
 * The VIP badge explains itself on hover and on keyboard focus (a button, so that Tab reaches
 * it and a tap shows it too); the reasons are its accessible description.
 */
export function VipBadge({ client }: { client: Pick<Client, 'vipReasons' | 'gigs' | 'revenue'> }) {
  const i18n = useI18n();
  const th = useThresholds();
  const id = useId();
  return (
    <span className="tip">
      <button type="button" className="badge vip" aria-describedby={id}>
        <span aria-hidden="true">🟡 </span>VIP
      </button>
      <span role="tooltip" id={id} className="tip-text">
        {i18n.t('vip.because')} {client.vipReasons.map((r) => vipReasonText(r, client, th, i18n)).join(' ; ')}
      </span>
    </span>
  );
}

export function UpcomingBadge({ upcoming }: { upcoming: NonNullable<Client['upcoming']> }) {
  const { t, date } = useI18n();
  return (
    <span className={`badge booked ${upcoming.status}`}>
      <span aria-hidden="true">📅 </span>
      {t(upcoming.status === 'confirmed' ? 'booking.upcomingConfirmed' : 'booking.upcomingOption', { date: date(upcoming.date) })}
    </span>
  );
}

export function ClientBadges({ client }: { client: Client }) {
  return (
    <span className="badges">
      {client.vip ? <VipBadge client={client} /> : null}
      <StatusBadge status={client.status} />
      {client.upcoming ? <UpcomingBadge upcoming={client.upcoming} /> : null}
    </span>
  );
}
