import { describe, expect, it } from 'vitest';
import { computeCharts } from './analytics';
import { computeKpis } from './kpis';
import { REPORT_LIST_LIMITS, buildReportModel, chartAxis, frenchShortDate, type ReportClient, type ReportInput } from './report';
import { DEFAULT_THRESHOLDS, segmentClient } from './segments';

const ASOF = '2026-01-14';

function buildClient(name: string, overrides: Partial<{ gigs: number; revenueCents: number; lastDate: string }> = {}): ReportClient {
  const gigs = overrides.gigs ?? 3;
  const segment = segmentClient(
    {
      gigs,
      revenueCents: overrides.revenueCents ?? 30_000,
      firstDate: '2020-01-04',
      lastDate: overrides.lastDate ?? '2023-06-01',
      priceMinCents: 10_000,
      priceMaxCents: 10_000,
    },
    ASOF,
  );
  return { name, segment, cadence: { lastContact: null, proposed: true, notProposedBecause: null, nextGentleReminder: null } };
}

function buildInput(clients: ReportClient[]): ReportInput {
  const facts = {
    from: '2025-01-15',
    to: ASOF,
    thresholds: DEFAULT_THRESHOLDS,
    gigs: [],
    followUps: [],
    activeShare: { activeClientIds: [], withGigs: 0 },
  };
  return {
    kpis: computeKpis(facts),
    charts: computeCharts(facts),
    activeDays: DEFAULT_THRESHOLDS.activeDays,
    djName: '',
    workspaceName: 'default',
    asOf: ASOF,
    period: { from: '2025-01-15', to: ASOF },
    overview: {
      clients: clients.length,
      gigs: 0,
      revenueCents: 0,
      vip: 0,
      statuses: { active: 0, dormant: 0, lapsed: clients.length, prospect: 0 },
    },
    periodTotals: { gigs: 0, revenueCents: 0, clients: 0 },
    clients,
  };
}

describe('the report model', () => {
  it('writes dates the short French way', () => {
    expect(frenchShortDate('2026-01-14')).toBe('14 janv. 2026');
    expect(frenchShortDate('2025-08-01')).toBe('1 août 2025');
    expect(frenchShortDate(null)).toBe('—');
  });

  it('cuts a long list at its stated length and says how many there are', () => {
    const clients = Array.from({ length: 1000 }, (_, i) => buildClient(`Client ${i}`, { revenueCents: 10_000 + i }));
    const model = buildReportModel(buildInput(clients));
    const winBack = model.sections.find((s) => s.id === 'win-back');
    const table = winBack?.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' ? table.rows.length : 0).toBe(REPORT_LIST_LIMITS.winBack);
    expect(table?.kind === 'table' ? table.rows[0]?.[1] : '').toBe('Client 999');
    expect(winBack?.blocks.at(-1)).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/^Liste limitée aux 50 premiers sur 1\u202F000\./),
    });
  });

  it('puts the axis of a chart on round euros just above its highest bar, and keeps an axis when there is no bar', () => {
    expect(chartAxis([4_875_200, 120_000])).toMatchObject({ max: 5_000_000 });
    expect(chartAxis([4_875_200]).ticks.map((t) => t.label.replace(/[\u202F\u00A0]/g, ' '))).toEqual([
      '0 €',
      '12 500 €',
      '25 000 €',
      '37 500 €',
      '50 000 €',
    ]);
    expect(chartAxis([30_100]).max).toBe(32_000);
    expect(chartAxis([]).max).toBe(10_000);
    // Counts: whole steps, at least 4.
    expect(chartAxis([23], 'count').ticks.map((t) => t.label)).toEqual(['0', '6', '12', '18', '24']);
    expect(chartAxis([0], 'count').max).toBe(4);
  });

  it('shows the KPIs and the revenue charts after the overview, an empty period saying so rather than 0 %', () => {
    const model = buildReportModel(buildInput([]));
    expect(model.sections.map((s) => s.id).slice(0, 3)).toEqual(['overview', 'kpis', 'revenue']);
    const kpis = model.sections.find((s) => s.id === 'kpis');
    expect(kpis?.blocks[0]).toMatchObject({
      kind: 'figures',
      rows: expect.arrayContaining([{ label: 'Taux de réactivation', value: 'pas encore de relance' }]),
    });
    // No gig, no follow-up: each chart's title says so instead of drawing an empty frame.
    expect(model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'bars')).toEqual([]);
    expect(kpis?.blocks.slice(-2)).toEqual([
      { kind: 'text', tone: 'heading', text: 'Relances envoyées et leurs résultats' },
      { kind: 'text', tone: 'muted', text: 'Aucune relance envoyée sur ces mois.' },
    ]);

    const gig = { clientId: 1, date: '2025-06-21', status: 'done', amountCents: 80_000, count: 1, type: 'Mariage' } as const;
    const facts = { from: '2025-01-15', to: ASOF, thresholds: DEFAULT_THRESHOLDS, gigs: [gig], followUps: [] };
    const withGig = buildReportModel({ ...buildInput([]), charts: computeCharts(facts) });
    const charts = withGig.sections.find((s) => s.id === 'revenue')?.blocks.filter((b) => b.kind === 'bars') ?? [];
    expect(charts.map((c) => c.title)).toEqual(['CA par mois sur 24 mois', 'CA par année', 'CA par mois de l’année']);
    expect(charts[0]?.categories).toHaveLength(24);
    expect(charts[0]?.categories.at(-1)).toEqual(['janv.', '26']);
    expect(charts[0]?.series[0]?.values.at(-8)).toBe(80_000);
    expect(charts[0]?.axis.max).toBe(80_000);
    expect(charts[2]?.categories[5]).toEqual(['juin']);
  });

  it('gives the reasons of a rank, and names the workspace when the DJ has no name', () => {
    const vip = buildClient('BAR DU PORT', { gigs: 30, revenueCents: 195_000, lastDate: '2024-10-12' });
    const model = buildReportModel(buildInput([vip]));
    const row = model.sections.find((s) => s.id === 'win-back')?.blocks.find((b) => b.kind === 'table');
    const reasons = row?.kind === 'table' ? row.rows[0]?.[4] : '';
    expect(reasons?.replace(/[\u202F\u00A0]/g, ' ')).toBe(
      'VIP (par le nombre de prestations) · 30 prestations · 1 950 € de CA · sans prestation depuis plus d’un an',
    );
    expect(model.facts[0]).toBe('DJ : default');
  });
});
