/**
 * The activity report (PDF) as a model: a title page's facts and a list of sections, each a list
 * of blocks (figures, tables, text). The renderer (src/app/report-pdf.ts) knows blocks, not
 * sections, so a section is added here alone, and a new kind of block here and in the
 * renderer's switch. Pure: the data and the dates come in.
 */
import type { Charts } from './analytics';
import type { Cadence } from './follow-ups/cadence';
import { timeSinceInWords } from './follow-ups/french';
import { formatEuros, type Cents } from './money';
import { compareNames } from './names';
import type { Kpis, ObjectiveKey } from './kpis';
import type { ClientSegment } from './segments';
import type { IsoDate } from './dates';

/** How many rows each list shows at most; the section says how many there are in all. */
export const REPORT_LIST_LIMITS = { vip: 20, winBack: 50, gentleReminder: 50 } as const;

export interface ReportColumn {
  label: string;
  /** Share of the page's width. */
  width: number;
  align?: 'left' | 'right';
}

export type ReportBlock =
  | { kind: 'figures'; rows: { label: string; value: string }[] }
  | { kind: 'table'; columns: ReportColumn[]; rows: string[][]; empty: string }
  | { kind: 'text'; text: string; tone?: 'muted' | 'heading' }
  | ReportBarChart;

/**
 * A bar chart, laid out here and drawn by the renderer: one bar per series side by side in each
 * category (or one bar of the series stacked), the value axis from 0 to `axis.max` with its
 * labelled ticks. Values in cents for amounts, plain numbers for counts.
 */
export interface ReportBarChart {
  kind: 'bars';
  title: string;
  note?: string;
  stacked?: boolean;
  /** Each category's label, one string per line (`janv.` over `25`). */
  categories: string[][];
  /** Drawn in the renderer's palette by rank: the accent colour, then lighter (the year before), then others. */
  series: { label: string; values: number[] }[];
  axis: { max: number; ticks: { value: number; label: string }[] };
}

export interface ReportSection {
  id: string;
  title: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  title: string;
  djName: string;
  workspaceName: string;
  asOf: IsoDate;
  period: { from: IsoDate; to: IsoDate };
  /** "Période : du 15 janv. 2025 au 14 janv. 2026" etc., for the title page and the footer. */
  facts: string[];
  footer: string;
  sections: ReportSection[];
}

export interface ReportClient {
  name: string;
  segment: ClientSegment;
  cadence: Pick<Cadence, 'lastContact' | 'proposed' | 'notProposedBecause' | 'nextGentleReminder'>;
}

export interface ReportInput {
  /** The DJ's name from the settings, else the owner's account name; empty: the workspace's name. */
  djName: string;
  workspaceName: string;
  asOf: IsoDate;
  period: { from: IsoDate; to: IsoDate };
  overview: {
    clients: number;
    gigs: number;
    revenueCents: Cents;
    vip: number;
    statuses: { active: number; dormant: number; lapsed: number; prospect: number };
  };
  periodTotals: { gigs: number; revenueCents: Cents; clients: number };
  clients: readonly ReportClient[];
  /** The dashboard's KPIs and charts over the same period (src/app/kpis.ts), and the "active" threshold they name. */
  kpis: Kpis;
  charts: Charts;
  activeDays: number;
}

const shortDateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `14 janv. 2026`. */
export function frenchShortDate(date: IsoDate | null): string {
  return date === null ? '—' : shortDateFormat.format(new Date(`${date}T00:00:00Z`));
}

const count = (n: number) => n.toLocaleString('fr-FR');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n > 1 ? many : one}`;

/** "Les 50 premiers sur 1 000." when the list is cut; nothing when it is whole. */
function cutNote(shown: number, total: number, more: string): ReportBlock[] {
  if (total <= shown) return [];
  return [{ kind: 'text', tone: 'muted', text: `Liste limitée aux ${count(shown)} premiers sur ${count(total)}. ${more}` }];
}

// The thresholds are the workspace's settings: the reasons name the rule, not a number.
const VIP_REASON = { gigs: 'par le nombre de prestations', revenue: 'par le CA', activeGigs: 'actif et régulier' } as const;
const NOT_PROPOSED = {
  opted_out: 'ne plus contacter',
  recent_follow_up: 'relancé il y a moins de 30 jours',
  booked: 'prestation confirmée à venir',
  gentle_reminder_later: 'rappel doux plus tard',
  in_outbox: 'e-mail en attente d’envoi',
} as const;

/** Why a client ranks where it does, in words: the terms of its priority and where its follow-up stands. */
export function winBackReasons(c: ReportClient, asOf: IsoDate): string {
  const s = c.segment;
  const parts: string[] = [];
  if (s.vip) parts.push(`VIP (${s.vipReasons.map((r) => VIP_REASON[r]).join(', ')})`);
  parts.push(plural(s.stats.gigs, 'prestation', 'prestations'));
  parts.push(`${formatEuros(s.stats.revenueCents)} de CA`);
  if (s.stats.lastDate) parts.push(`sans prestation depuis ${timeSinceInWords(s.stats.lastDate, asOf)}`);
  if (c.cadence.lastContact) parts.push(`relancé le ${frenchShortDate(c.cadence.lastContact)}`);
  if (c.cadence.notProposedBecause) parts.push(NOT_PROPOSED[c.cadence.notProposedBecause]);
  return parts.join(' · ');
}

/** A potential is an estimate: whole euros. */
function potentialText(s: ClientSegment): string {
  return s.potential ? formatEuros(Math.round(s.potential.cents / 100) * 100) : '—';
}

function overviewSection(input: ReportInput): ReportSection {
  const o = input.overview;
  const p = input.periodTotals;
  return {
    id: 'overview',
    title: 'Vue d’ensemble',
    blocks: [
      {
        kind: 'figures',
        rows: [
          { label: 'Clients au total', value: count(o.clients) },
          { label: 'VIP (à chouchouter)', value: count(o.vip) },
          { label: 'Actifs (moins de 90 jours)', value: count(o.statuses.active) },
          { label: 'En veille (90 à 365 jours)', value: count(o.statuses.dormant) },
          { label: 'À relancer (plus d’un an)', value: count(o.statuses.lapsed) },
          { label: 'Prospects (sans prestation)', value: count(o.statuses.prospect) },
          { label: 'CA total', value: formatEuros(o.revenueCents) },
          { label: 'Prestations réalisées', value: count(o.gigs) },
        ],
      },
      {
        kind: 'text',
        text: `Sur la période du ${frenchShortDate(input.period.from)} au ${frenchShortDate(input.period.to)} : ${plural(p.gigs, 'prestation réalisée', 'prestations réalisées')}, ${formatEuros(p.revenueCents)} de CA, ${plural(p.clients, 'client servi', 'clients servis')}.`,
      },
    ],
  };
}

/** A heading inside a section and the table it names. */
function subTable(heading: string, table: Omit<Extract<ReportBlock, { kind: 'table' }>, 'kind'>): ReportBlock[] {
  return [
    { kind: 'text', tone: 'heading', text: heading },
    { kind: 'table', ...table },
  ];
}

const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
/** `30 %`, as the dashboard writes a rate. */
export const frenchPercent = (ratio: number) => percentFormat.format(ratio);
const rate = (r: number | null) => (r === null ? 'pas encore de relance' : frenchPercent(r));

// The dashboard's words (src/contracts/messages/fr.ts, `analytics.*`), French only like the rest of the report.
const OBJECTIVE_LABEL: Record<ObjectiveKey, (activeDays: number) => string> = {
  vipReactivation: () => 'Réactiver au moins 30 % des VIP inactifs dans les 3 mois',
  regularReactivation: () => 'Réactiver 20 % des clients réguliers inactifs',
  activeShare: (days) => `Maintenir les clients actifs (< ${count(days)} jours) au-dessus de 40 %`,
};

function kpiSection(input: ReportInput): ReportSection {
  const k = input.kpis;
  const notes: string[] = [];
  if (k.followedUp.all > 0) notes.push(`${count(k.responded.all)} des ${count(k.followedUp.all)} clients relancés ont répondu ou réservé.`);
  if (k.reactivationRevenueUpcomingCents > 0)
    notes.push(`CA réactivation : + ${formatEuros(k.reactivationRevenueUpcomingCents)} de prestations confirmées à venir.`);
  notes.push('CA réactivation : prestations réalisées dans les 12 mois suivant une relance qui a obtenu une réservation.');
  notes.push(
    `${plural(k.returns, 'retour', 'retours')} sur la période : une prestation après au moins ${count(input.activeDays)} jours sans.`,
  );
  const pending = k.objectives.reduce((sum, o) => sum + o.pending, 0);
  return {
    id: 'kpis',
    title: 'Indicateurs',
    blocks: [
      {
        kind: 'figures',
        rows: [
          { label: 'Taux de réactivation', value: rate(k.reactivationRate.all) },
          { label: 'VIP', value: rate(k.reactivationRate.vip) },
          { label: 'Réguliers', value: rate(k.reactivationRate.regular) },
          { label: 'CA réactivation', value: formatEuros(k.reactivationRevenueCents) },
          {
            label: 'Durée moyenne d’inactivité avant retour',
            value:
              k.avgInactivityBeforeReturnDays === null
                ? 'aucun retour sur la période'
                : `${count(Math.round(k.avgInactivityBeforeReturnDays))} jours`,
          },
        ],
      },
      ...notes.map((text): ReportBlock => ({ kind: 'text', tone: 'muted', text })),
      ...subTable('Objectifs recommandés', {
        empty: 'Aucun objectif.',
        columns: [
          { label: 'Objectif', width: 0.46 },
          { label: 'Valeur', width: 0.22, align: 'right' },
          { label: 'Cible', width: 0.1, align: 'right' },
          { label: 'Résultat', width: 0.22 },
        ],
        rows: k.objectives.map((o) => [
          OBJECTIVE_LABEL[o.key](input.activeDays),
          o.value === null ? (o.key === 'activeShare' ? 'aucun client avec prestation' : 'pas encore de relance') : frenchPercent(o.value),
          frenchPercent(o.target),
          o.met === null ? '—' : o.met ? '✓ atteint' : '✗ non atteint',
        ]),
      }),
      ...(pending > 0
        ? [
            {
              kind: 'text',
              tone: 'muted',
              text: plural(
                pending,
                'relance de moins de 90 jours : pas encore comptée.',
                'relances de moins de 90 jours : pas encore comptées.',
              ),
            } as const,
          ]
        : []),
      ...countCharts(input),
    ],
  };
}

/**
 * The axis's top: four equal steps of a round amount (1, 1.25, 1.5, 2, 2.5 … 8 × 10ⁿ), the smallest
 * that reach the highest bar; at least 100 € for amounts, 4 for counts, whose steps are whole.
 */
export function chartAxis(values: readonly number[], unit: 'cents' | 'count' = 'cents'): ReportBarChart['axis'] {
  const top = Math.max(unit === 'cents' ? 10_000 : 4, ...values);
  const power = 10 ** Math.floor(Math.log10(top / 4));
  const step =
    [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10]
      .map((m) => m * power)
      .find((s) => s * 4 >= top && (unit === 'cents' || Number.isInteger(s))) ?? 10 * power;
  const label = unit === 'cents' ? formatEuros : count;
  const ticks = [0, 1, 2, 3, 4].map((i) => ({ value: step * i, label: label(step * i) }));
  return { max: step * 4, ticks };
}

/** A bar chart, or its title and `empty` when every bar is zero: no empty frame. */
function barChart(
  title: string,
  categories: string[][],
  series: ReportBarChart['series'],
  options: { empty: string; note?: string; stacked?: boolean; unit?: 'cents' | 'count' },
): ReportBlock[] {
  if (series.every((s) => s.values.every((v) => v === 0)))
    return [
      { kind: 'text', tone: 'heading', text: title },
      { kind: 'text', tone: 'muted', text: options.empty },
    ];
  const heights = options.stacked
    ? categories.map((_, c) => series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0))
    : series.flatMap((s) => s.values);
  const axis = chartAxis(heights, options.unit);
  return [{ kind: 'bars', title, note: options.note, stacked: options.stacked, categories, series, axis }];
}

/** The analytics page's two charts of counts: the clients by status at each month's end, the follow-ups by outcome. */
function countCharts(input: ReportInput): ReportBlock[] {
  const st = input.charts.statusesByMonth;
  const fu = input.charts.followUpsByMonth;
  return [
    ...barChart(
      'Clients par statut en fin de mois',
      st.map((m) => monthLabelLines(m.month)),
      [
        { label: 'Actifs', values: st.map((m) => m.active) },
        { label: 'En veille', values: st.map((m) => m.dormant) },
        { label: 'À relancer', values: st.map((m) => m.lapsed) },
      ],
      {
        note: 'Clients ayant au moins une prestation, selon les jours sans prestation à chaque fin de mois.',
        empty: 'Aucun client avec prestation.',
        stacked: true,
        unit: 'count',
      },
    ),
    ...barChart(
      'Relances envoyées et leurs résultats',
      fu.map((m) => monthLabelLines(m.month)),
      [
        { label: 'Réservation obtenue', values: fu.map((m) => m.booking) },
        { label: 'Réponse', values: fu.map((m) => m.answered) },
        { label: 'Refus', values: fu.map((m) => m.declined) },
        { label: 'Sans réponse', values: fu.map((m) => m.noAnswer) },
        { label: 'En attente', values: fu.map((m) => m.waiting) },
      ],
      {
        note: 'Par mois, les relances parties (envoyées ou confirmées) selon leur résultat.',
        empty: 'Aucune relance envoyée sur ces mois.',
        stacked: true,
        unit: 'count',
      },
    ),
  ];
}

const monthShort = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });
/** `2025-01` → `janv.` over `25`, the dashboard's « janv. 25 » on two lines. */
export const monthLabelLines = (month: string) => [monthShort.format(new Date(`${month}-01T00:00:00Z`)), month.slice(2, 4)];

function revenueSection(input: ReportInput): ReportSection {
  const c = input.charts;
  const share = c.vipShare.share;
  return {
    id: 'revenue',
    title: 'Chiffre d’affaires',
    blocks: [
      ...barChart(
        'CA par mois sur 24 mois',
        c.revenueByMonth.map((m) => monthLabelLines(m.month)),
        [
          { label: 'CA', values: c.revenueByMonth.map((m) => m.revenueCents) },
          { label: 'Même mois un an plus tôt', values: c.revenueByMonth.map((m) => m.previousYearCents) },
        ],
        { note: 'Chaque mois à côté du même mois un an plus tôt.', empty: 'Aucune prestation réalisée sur ces 24 mois.' },
      ),
      ...barChart(
        'CA par année',
        c.revenueByYear.map((y) => [String(y.year), plural(y.gigs, 'prest.', 'prest.')]),
        [{ label: 'CA', values: c.revenueByYear.map((y) => y.revenueCents) }],
        { empty: 'Aucune prestation réalisée.' },
      ),
      ...barChart(
        'CA par mois de l’année',
        c.revenueByMonthOfYear.map((m) => [monthShort.format(new Date(Date.UTC(2000, m.month - 1, 1)))]),
        [{ label: 'CA', values: c.revenueByMonthOfYear.map((m) => m.revenueCents) }],
        { note: 'Toutes les prestations réalisées : vos saisons.', empty: 'Aucune prestation réalisée.' },
      ),
      { kind: 'text', tone: 'heading', text: 'Part du CA apportée par les VIP' },
      {
        kind: 'text',
        tone: 'muted',
        text:
          share === null
            ? 'Aucune prestation réalisée sur la période.'
            : `Sur la période : ${frenchPercent(share)} du CA vient des ${count(c.vipShare.vipClients)} VIP (le guide dit « souvent 80 % »).`,
      },
      {
        kind: 'figures',
        rows: [
          { label: 'VIP', value: `${formatEuros(c.vipShare.vipCents)} (${share === null ? '—' : frenchPercent(share)})` },
          { label: 'Autres clients', value: `${formatEuros(c.vipShare.otherCents)} (${share === null ? '—' : frenchPercent(1 - share)})` },
        ],
      },
      ...subTable('CA par type d’événement (période)', {
        empty: 'Aucune prestation réalisée sur la période.',
        columns: [
          { label: 'Type d’événement', width: 0.5 },
          { label: 'CA', width: 0.25, align: 'right' },
          { label: 'Prestations', width: 0.25, align: 'right' },
        ],
        rows: c.revenueByType.map((x) => [
          x.others ? 'Autres types' : (x.type ?? 'Non précisé'),
          formatEuros(x.revenueCents),
          count(x.gigs),
        ]),
      }),
    ],
  };
}

const STATUS_WORD = { active: 'Actif', dormant: 'En veille', lapsed: 'À relancer', prospect: 'Prospect' } as const;

function vipSection(input: ReportInput): ReportSection {
  const vip = input.clients
    .filter((c) => c.segment.vip)
    .sort((a, b) => b.segment.stats.revenueCents - a.segment.stats.revenueCents || compareNames(a.name, b.name));
  const shown = vip.slice(0, REPORT_LIST_LIMITS.vip);
  return {
    id: 'vip',
    title: 'Top VIP',
    blocks: [
      { kind: 'text', tone: 'muted', text: `${plural(vip.length, 'client VIP', 'clients VIP')}, par chiffre d’affaires.` },
      {
        kind: 'table',
        empty: 'Aucun client VIP.',
        columns: [
          { label: '#', width: 0.05, align: 'right' },
          { label: 'Client', width: 0.37 },
          { label: 'Statut', width: 0.14 },
          { label: 'Prest.', width: 0.1, align: 'right' },
          { label: 'CA', width: 0.16, align: 'right' },
          { label: 'Dernière', width: 0.18, align: 'right' },
        ],
        rows: shown.map((c, i) => [
          String(i + 1),
          c.name,
          STATUS_WORD[c.segment.status],
          count(c.segment.stats.gigs),
          formatEuros(c.segment.stats.revenueCents),
          frenchShortDate(c.segment.stats.lastDate),
        ]),
      },
      ...cutNote(shown.length, vip.length, 'La liste complète : djbooker clients --segment vip --sort revenue.'),
    ],
  };
}

/** Highest priority first; among equal (rounded) priorities, more revenue, then the name the French way. */
function byPriority(a: ReportClient, b: ReportClient): number {
  return (
    (b.segment.priority ?? 0) - (a.segment.priority ?? 0) ||
    b.segment.stats.revenueCents - a.segment.stats.revenueCents ||
    compareNames(a.name, b.name)
  );
}

function winBackSection(input: ReportInput): ReportSection {
  const lapsed = input.clients.filter((c) => c.segment.status === 'lapsed').sort(byPriority);
  const shown = lapsed.slice(0, REPORT_LIST_LIMITS.winBack);
  const potential = lapsed.reduce((sum, c) => sum + (c.segment.potential?.cents ?? 0), 0);
  return {
    id: 'win-back',
    title: 'Clients à relancer, par priorité',
    blocks: [
      {
        kind: 'text',
        tone: 'muted',
        text: `${plural(lapsed.length, 'client', 'clients')} sans prestation depuis plus d’un an ; potentiel de réactivation sur 12 mois : ${formatEuros(Math.round(potential / 100) * 100)} au total. Priorité : VIP 100 points, puis nombre de prestations, CA et ancienneté.`,
      },
      {
        kind: 'table',
        empty: 'Aucun client à relancer.',
        columns: [
          { label: '#', width: 0.05, align: 'right' },
          { label: 'Client', width: 0.27 },
          { label: 'Priorité', width: 0.1, align: 'right' },
          { label: 'Potentiel', width: 0.13, align: 'right' },
          { label: 'Raisons', width: 0.45 },
        ],
        rows: shown.map((c, i) => [
          String(i + 1),
          c.name,
          (c.segment.priority ?? 0).toLocaleString('fr-FR'),
          potentialText(c.segment),
          winBackReasons(c, input.asOf),
        ]),
      },
      ...cutNote(shown.length, lapsed.length, 'La liste complète : djbooker clients --segment lapsed --sort priority.'),
    ],
  };
}

function gentleReminderSection(input: ReportInput): ReportSection {
  const due = input.clients.filter((c) => c.segment.status === 'dormant' && c.cadence.proposed).sort(byPriority);
  const shown = due.slice(0, REPORT_LIST_LIMITS.gentleReminder);
  return {
    id: 'gentle-reminder',
    title: 'Clients en veille : rappel doux',
    blocks: [
      {
        kind: 'text',
        tone: 'muted',
        text: `${plural(due.length, 'client', 'clients')} en veille (90 à 365 jours sans prestation), sans relance depuis 60 jours, ni prestation confirmée à venir.`,
      },
      {
        kind: 'table',
        empty: 'Aucun rappel doux à faire.',
        columns: [
          { label: '#', width: 0.05, align: 'right' },
          { label: 'Client', width: 0.33 },
          { label: 'Dernière', width: 0.16, align: 'right' },
          { label: 'Jours', width: 0.09, align: 'right' },
          { label: 'Prest.', width: 0.09, align: 'right' },
          { label: 'CA', width: 0.14, align: 'right' },
          { label: 'Potentiel', width: 0.14, align: 'right' },
        ],
        rows: shown.map((c, i) => [
          String(i + 1),
          c.name,
          frenchShortDate(c.segment.stats.lastDate),
          count(c.segment.daysInactive ?? 0),
          count(c.segment.stats.gigs),
          formatEuros(c.segment.stats.revenueCents),
          potentialText(c.segment),
        ]),
      },
      ...cutNote(shown.length, due.length, 'La liste complète : djbooker clients --segment dormant --sort priority.'),
    ],
  };
}

export function buildReportModel(input: ReportInput): ReportModel {
  const who = input.djName.trim() || input.workspaceName;
  return {
    title: 'Rapport d’activité',
    djName: who,
    workspaceName: input.workspaceName,
    asOf: input.asOf,
    period: input.period,
    facts: [
      `DJ : ${who}`,
      `Période : du ${frenchShortDate(input.period.from)} au ${frenchShortDate(input.period.to)}`,
      `Date de référence : ${frenchShortDate(input.asOf)}`,
    ],
    footer: `${who} — rapport au ${frenchShortDate(input.asOf)}`,
    sections: [
      overviewSection(input),
      kpiSection(input),
      revenueSection(input),
      vipSection(input),
      winBackSection(input),
      gentleReminderSection(input),
    ],
  };
}
