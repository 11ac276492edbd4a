import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { addMonths } from './dates';
import { computeKpis, returnsOf, doneHistories, yearEndingOn, type KpiFollowUp, type KpiGig, type KpiInput } from './kpis';
import { DEFAULT_THRESHOLDS } from './segments';

function gig(clientId: number, date: string, overrides: Partial<KpiGig> = {}): KpiGig {
  return { clientId, date, status: 'done', amountCents: 10_000, count: 1, ...overrides };
}

function followUp(clientId: number, date: string, overrides: Partial<KpiFollowUp> = {}): KpiFollowUp {
  return { clientId, date, status: 'sent', outcome: 'none', outcomeDate: null, ...overrides };
}

/** `n` done gigs of 100 € a week apart, the last one on `last`. */
function history(clientId: number, n: number, last: string, amountCents = 10_000): KpiGig[] {
  return Array.from({ length: n }, (_, i) => gig(clientId, addDays(last, -7 * (n - 1 - i)), { amountCents }));
}

function kpis(overrides: Partial<KpiInput>) {
  return computeKpis({
    from: '2025-01-15',
    to: '2026-01-14',
    thresholds: DEFAULT_THRESHOLDS,
    gigs: [],
    followUps: [],
    activeShare: { activeClientIds: [], withGigs: 0 },
    ...overrides,
  });
}

const objective = (k: ReturnType<typeof kpis>, key: string) => k.objectives.find((o) => o.key === key);

describe('period helpers', () => {
  it('the year ending on a date starts the day after the same date a year before', () => {
    expect(yearEndingOn('2026-01-14')).toEqual({ from: '2025-01-15', to: '2026-01-14' });
    expect(yearEndingOn('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });
  it('adds months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
  });
});

describe('computeKpis', () => {
  it('no follow-up at all: nothing followed up, every rate and reactivation objective null (never 0 %)', () => {
    const k = kpis({ gigs: history(1, 12, '2023-01-10'), activeShare: { activeClientIds: [], withGigs: 1 } });
    expect(k.followedUp).toEqual({ all: 0, vip: 0, regular: 0 });
    expect(k.reactivationRate).toEqual({ all: null, vip: null, regular: null });
    expect(objective(k, 'vipReactivation')).toEqual({ key: 'vipReactivation', target: 0.3, value: null, met: null, pending: 0 });
    expect(objective(k, 'regularReactivation')).toMatchObject({ value: null, met: null });
    expect(objective(k, 'activeShare')).toEqual({ key: 'activeShare', target: 0.4, value: 0, met: false, pending: 0 });
    expect(k.reactivationRevenueCents).toBe(0);
  });

  it('a follow-up not yet confirmed and a failed send did not go out: not counted, even with an answer typed', () => {
    const k = kpis({
      gigs: [...history(1, 12, '2023-01-10'), ...history(2, 12, '2023-01-10')],
      followUps: [
        followUp(1, '2025-06-01', { status: 'to_confirm', outcome: 'answered', outcomeDate: '2025-06-03' }),
        followUp(2, '2025-06-01', { status: 'failed' }),
        followUp(2, '2025-06-02', { status: 'queued' }),
        followUp(2, '2025-06-03', { status: 'uncertain' }),
      ],
    });
    expect(k.followedUp.all).toBe(0);
    expect(k.responded.all).toBe(0);
    expect(k.reactivationRate.all).toBeNull();
    expect(objective(k, 'vipReactivation')?.value).toBeNull();
  });

  it('a failed send then a sent one: the client counts once, from the sent one', () => {
    const k = kpis({
      gigs: history(1, 12, '2023-01-10'),
      followUps: [
        followUp(1, '2025-03-01', { status: 'failed', outcome: 'answered' }),
        followUp(1, '2025-04-01', { outcome: 'no_answer' }),
      ],
    });
    expect(k.followedUp).toEqual({ all: 1, vip: 1, regular: 0 });
    expect(k.responded.all).toBe(0);
    expect(k.reactivationRate).toEqual({ all: 0, vip: 0, regular: null });
  });

  it('rates by group: VIP, regular (non-VIP with 5+ gigs) and others only in "all"', () => {
    const k = kpis({
      gigs: [
        ...history(1, 12, '2023-01-10'),
        ...history(2, 6, '2023-01-10'),
        ...history(3, 2, '2023-01-10'),
        ...history(4, 5, '2024-06-01'),
      ],
      followUps: [
        followUp(1, '2025-03-01', { outcome: 'answered', outcomeDate: '2025-03-02' }),
        followUp(2, '2025-03-01', { outcome: 'declined', outcomeDate: '2025-03-02' }),
        followUp(3, '2025-03-01', { outcome: 'booking', outcomeDate: '2025-03-05' }),
        followUp(4, '2025-03-01'),
      ],
    });
    expect(k.followedUp).toEqual({ all: 4, vip: 1, regular: 2 });
    expect(k.responded).toEqual({ all: 2, vip: 1, regular: 0 });
    expect(k.reactivationRate).toEqual({ all: 0.5, vip: 1, regular: 0 });
    expect(k.clientIds.followedUp).toEqual({ all: [1, 2, 3, 4], vip: [1], regular: [2, 4] });
    expect(k.clientIds.responded.all).toEqual([1, 3]);
    // Client 4 was dormant (273 days), not lapsed: outside the regular objective's population.
    expect(k.clientIds.regularReactivation.population).toEqual([2]);
  });

  it('a booking on the day of the follow-up: the client was still lapsed, and is reactivated', () => {
    const k = kpis({
      gigs: [...history(1, 12, '2023-01-10'), gig(1, '2025-03-01', { amountCents: 50_000 })],
      followUps: [followUp(1, '2025-03-01', { outcome: 'booking', outcomeDate: '2025-03-01' })],
    });
    expect(k.followedUp).toEqual({ all: 1, vip: 1, regular: 0 });
    expect(k.clientIds.vipReactivation).toEqual({ population: [1], reactivated: [1], pending: [] });
    expect(objective(k, 'vipReactivation')).toEqual({ key: 'vipReactivation', target: 0.3, value: 1, met: true, pending: 0 });
    expect(k.reactivationRevenueCents).toBe(50_000);
    // The day's gig is also a return after 781 days (2023-01-10 → 2025-03-01).
    expect(k.returns).toBe(1);
    expect(k.avgInactivityBeforeReturnDays).toBe(781);
  });

  it('a gig on day 91 after the follow-up is too late for the objective; one on day 90 is in time', () => {
    const late = kpis({
      gigs: [...history(1, 12, '2023-01-10'), gig(1, addDays('2025-03-01', 91))],
      followUps: [followUp(1, '2025-03-01')],
    });
    expect(late.clientIds.vipReactivation).toEqual({ population: [1], reactivated: [], pending: [] });
    expect(objective(late, 'vipReactivation')).toMatchObject({ value: 0, met: false });
    const inTime = kpis({
      gigs: [...history(1, 12, '2023-01-10'), gig(1, addDays('2025-03-01', 90), { status: 'confirmed' })],
      followUps: [followUp(1, '2025-03-01')],
    });
    expect(objective(inTime, 'vipReactivation')).toMatchObject({ value: 1, met: true });
  });

  it('a follow-up whose 90 days are not over at the period end is pending, left out of the value', () => {
    const k = kpis({
      gigs: [...history(1, 12, '2023-01-10'), ...history(2, 12, '2023-01-10')],
      followUps: [followUp(1, '2025-12-01'), followUp(2, '2025-06-01')],
    });
    expect(k.clientIds.vipReactivation).toEqual({ population: [2], reactivated: [], pending: [1] });
    expect(objective(k, 'vipReactivation')).toEqual({ key: 'vipReactivation', target: 0.3, value: 0, met: false, pending: 1 });
    const onlyPending = kpis({ gigs: history(1, 12, '2023-01-10'), followUps: [followUp(1, '2025-12-01')] });
    expect(objective(onlyPending, 'vipReactivation')).toEqual({ key: 'vipReactivation', target: 0.3, value: null, met: null, pending: 1 });
  });

  it('a client whose VIP status changed after the follow-up counts as it was when followed up', () => {
    // 6 gigs, last in 2023: regular and lapsed on 2025-03-01; 5 gigs after make it VIP by the period end.
    const gigs = [...history(1, 6, '2023-01-10'), ...history(1, 5, '2025-04-30')];
    const k = kpis({ gigs, followUps: [followUp(1, '2025-03-01', { outcome: 'booking', outcomeDate: '2025-03-10' })] });
    expect(k.followedUp).toEqual({ all: 1, vip: 0, regular: 1 });
    expect(k.clientIds.regularReactivation).toEqual({ population: [1], reactivated: [1], pending: [] });
    expect(k.clientIds.vipReactivation.population).toEqual([]);
    expect(objective(k, 'regularReactivation')).toMatchObject({ value: 1, met: true });
    expect(objective(k, 'vipReactivation')?.value).toBeNull();
  });

  it('a VIP who was active when followed up is in the rate but not in the lapsed-VIP objective', () => {
    const k = kpis({ gigs: history(1, 12, '2025-02-20'), followUps: [followUp(1, '2025-03-01', { outcome: 'answered' })] });
    expect(k.reactivationRate.vip).toBe(1);
    expect(k.clientIds.vipReactivation).toEqual({ population: [], reactivated: [], pending: [] });
  });

  it('CA réactivation: done gigs up to the period end within 12 months after a booking obtained, each once; confirmed ones after it beside', () => {
    const k = kpis({
      gigs: [
        ...history(1, 12, '2023-01-10'),
        gig(1, '2025-02-28', { amountCents: 99_900 }), // before the follow-up
        gig(1, '2025-03-20', { amountCents: 40_000 }),
        gig(1, '2025-03-20', { amountCents: 5_000, status: 'cancelled' }),
        gig(1, '2025-12-31', { amountCents: 60_000 }),
        gig(1, '2026-02-01', { amountCents: 70_000, status: 'confirmed' }),
        gig(1, '2026-04-01', { amountCents: 80_000, status: 'confirmed' }), // the last day of the second follow-up's 12 months
        gig(2, '2025-05-01', { amountCents: 30_000 }), // follow-up without booking
      ],
      followUps: [
        followUp(1, '2025-03-01', { outcome: 'booking', outcomeDate: '2025-03-05' }),
        followUp(1, '2025-04-01', { outcome: 'booking', outcomeDate: '2025-04-05' }),
        followUp(2, '2025-04-01', { outcome: 'answered' }),
      ],
    });
    expect(k.reactivationRevenueCents).toBe(100_000);
    expect(k.reactivationRevenueUpcomingCents).toBe(150_000);
    expect(k.clientIds.reactivationRevenue).toEqual([1]);
    expect(k.clientIds.reactivationRevenueUpcoming).toEqual([1]);
  });

  it('a client who returns twice: both returns, the mean of both gaps', () => {
    const k = kpis({
      gigs: [gig(1, '2024-12-01'), gig(1, '2025-04-01'), gig(1, '2025-04-10'), gig(1, '2025-04-10'), gig(1, '2025-10-01')],
    });
    // 2024-12-01 → 2025-04-01: 121 days; 2025-04-10 → 2025-10-01: 174 days; two gigs on one day are one day.
    expect(k.returns).toBe(2);
    expect(k.avgInactivityBeforeReturnDays).toBe((121 + 174) / 2);
    expect(k.clientIds.returns).toEqual([1]);
  });

  it('a gap of exactly 89 days is no return, 90 days is one', () => {
    const k89 = kpis({ gigs: [gig(1, '2025-03-01'), gig(1, addDays('2025-03-01', 89))] });
    expect(k89.returns).toBe(0);
    expect(k89.avgInactivityBeforeReturnDays).toBeNull();
    const k90 = kpis({ gigs: [gig(1, '2025-03-01'), gig(1, addDays('2025-03-01', 90))] });
    expect(k90.returns).toBe(1);
    expect(k90.avgInactivityBeforeReturnDays).toBe(90);
  });

  it('returns are counted on the day of the return: one before the period is out, its first day in', () => {
    const gigs = [gig(1, '2024-01-01'), gig(1, '2025-01-14'), gig(2, '2024-01-01'), gig(2, '2025-01-15')];
    expect(returnsOf(doneHistories(gigs), 90)).toHaveLength(2);
    const k = kpis({ gigs });
    expect(k.returns).toBe(1);
    expect(k.clientIds.returns).toEqual([2]);
  });

  it('the active share objective uses the overview figures it is given', () => {
    const k = kpis({ activeShare: { activeClientIds: [3, 1], withGigs: 5 } });
    expect(objective(k, 'activeShare')).toEqual({ key: 'activeShare', target: 0.4, value: 0.4, met: true, pending: 0 });
    expect(k.clientIds.activeShare).toEqual([1, 3]);
  });
});
