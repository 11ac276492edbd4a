import { describe, expect, it } from 'vitest';
import { computeCharts, monthsEndingAt, type AnalyticsGig } from './analytics';
import type { KpiFollowUp } from './kpis';
import { DEFAULT_THRESHOLDS } from './segments';

function gig(clientId: number, date: string, amountCents: number, overrides: Partial<AnalyticsGig> = {}): AnalyticsGig {
  return { clientId, date, status: 'done', amountCents, count: 1, type: 'Mariage', ...overrides };
}

function followUp(date: string, overrides: Partial<KpiFollowUp> = {}): KpiFollowUp {
  return { clientId: 1, date, status: 'sent', outcome: 'none', outcomeDate: null, ...overrides };
}

const base = { from: '2025-01-15', to: '2026-01-14', thresholds: DEFAULT_THRESHOLDS, followUps: [] };

describe('computeCharts', () => {
  it('24 months ending with the month of the period end', () => {
    const m = monthsEndingAt('2026-01-14', 24);
    expect(m).toHaveLength(24);
    expect(m[0]).toBe('2024-02');
    expect(m[23]).toBe('2026-01');
  });

  it('revenue by month beside the same month a year before, up to the same day for the last month', () => {
    const c = computeCharts({
      ...base,
      gigs: [
        gig(1, '2025-01-10', 100_00),
        gig(1, '2025-01-20', 200_00), // after 2025-01-14: not in the previous year's January
        gig(1, '2026-01-05', 300_00),
        gig(1, '2026-01-20', 999_00), // after the period end
        gig(1, '2025-06-01', 50_00, { status: 'confirmed' }),
        gig(1, '2024-03-03', 70_00),
      ],
    });
    const jan26 = c.revenueByMonth.find((m) => m.month === '2026-01');
    expect(jan26).toEqual({ month: '2026-01', revenueCents: 300_00, previousYearCents: 100_00 });
    expect(c.revenueByMonth.find((m) => m.month === '2025-01')).toEqual({ month: '2025-01', revenueCents: 300_00, previousYearCents: 0 });
    expect(c.revenueByMonth.find((m) => m.month === '2025-03')?.previousYearCents).toBe(70_00);
    expect(c.revenueByYear).toEqual([
      { year: 2024, revenueCents: 70_00, gigs: 1 },
      { year: 2025, revenueCents: 300_00, gigs: 2 },
      { year: 2026, revenueCents: 300_00, gigs: 1 },
    ]);
    expect(c.revenueByMonthOfYear[0]).toEqual({ month: 1, revenueCents: 600_00, gigs: 3 });
    expect(c.revenueByMonthOfYear[2]).toEqual({ month: 3, revenueCents: 70_00, gigs: 1 });
  });

  it('clients per status at each month end, prospects left out', () => {
    const c = computeCharts({ ...base, gigs: [gig(1, '2025-10-01', 1), gig(2, '2024-01-01', 1)] });
    const at = (month: string) => c.statusesByMonth.find((s) => s.month === month);
    expect(at('2024-02')).toEqual({ month: '2024-02', date: '2024-02-29', active: 1, dormant: 0, lapsed: 0 });
    expect(at('2024-04')).toMatchObject({ active: 0, dormant: 1, lapsed: 0 }); // 2024-04-30: 120 days
    expect(at('2025-09')).toMatchObject({ active: 0, dormant: 0, lapsed: 1 });
    expect(at('2026-01')).toEqual({ month: '2026-01', date: '2026-01-14', active: 0, dormant: 1, lapsed: 1 }); // 105 days
  });

  it('VIP share of the period revenue, VIP as of the period end', () => {
    const vip = Array.from({ length: 10 }, (_, i) => gig(1, `2025-0${1 + (i % 9)}-2${i % 8}`, 100_00));
    const c = computeCharts({ ...base, gigs: [...vip, gig(2, '2025-05-05', 250_00), gig(3, '2024-05-05', 10_000_00)] });
    const vipCents = vip.filter((g) => g.date >= '2025-01-15').reduce((s, g) => s + g.amountCents, 0);
    expect(c.vipShare).toEqual({ vipCents, otherCents: 250_00, share: vipCents / (vipCents + 250_00), vipClients: 1 });
    expect(computeCharts({ ...base, gigs: [] }).vipShare.share).toBeNull();
  });

  it('revenue by event type in the period, largest first, past ten added up as others', () => {
    const gigs = Array.from({ length: 12 }, (_, i) =>
      gig(1, '2025-05-05', (i + 1) * 100, { type: `Type ${String(i + 1).padStart(2, '0')}` }),
    );
    gigs.push(gig(1, '2025-05-06', 5_000, { type: null }), gig(1, '2024-05-06', 99_999, { type: 'Ancien' }));
    const c = computeCharts({ ...base, gigs });
    expect(c.revenueByType).toHaveLength(11);
    expect(c.revenueByType[0]).toEqual({ type: null, others: false, revenueCents: 5_000, gigs: 1 });
    expect(c.revenueByType[1]).toEqual({ type: 'Type 12', others: false, revenueCents: 1_200, gigs: 1 });
    expect(c.revenueByType[10]).toEqual({ type: null, others: true, revenueCents: 600, gigs: 3 });
  });

  it('follow-ups that went out by month with their outcomes; failed ones beside, unconfirmed ones nowhere', () => {
    const c = computeCharts({
      ...base,
      gigs: [],
      followUps: [
        followUp('2025-11-03', { outcome: 'booking' }),
        followUp('2025-11-04', { outcome: 'answered' }),
        followUp('2025-11-05'),
        followUp('2025-11-06', { outcome: 'no_answer' }),
        followUp('2025-11-07', { status: 'failed' }),
        followUp('2025-11-08', { status: 'to_confirm', outcome: 'declined' }),
        followUp('2025-12-01', { outcome: 'declined' }),
      ],
    });
    expect(c.followUpsByMonth.find((m) => m.month === '2025-11')).toEqual({
      month: '2025-11',
      sent: 4,
      booking: 1,
      answered: 1,
      declined: 0,
      noAnswer: 1,
      waiting: 1,
      failed: 1,
    });
    expect(c.followUpsByMonth.find((m) => m.month === '2025-12')).toMatchObject({ sent: 1, declined: 1 });
  });
});
