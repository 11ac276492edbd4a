/**
 * Predictions per client (BG/NBD + Gamma-Gamma, seasonality) on top of the segmentation: the
 * probability of still being a client, the gigs and revenue expected over 12 months, the revenue
 * if won back, and the seasonal follow-up date, each with a one-line French explanation.
 */
import { addDays, type IsoDate } from '../domain/dates';
import { formatEuros } from '../domain/money';
import {
  detectSeasonality, fitPortfolioModel, predictClient,
  type ClientGig, type ClientPrediction, type PortfolioModel, type SeasonalPattern,
} from '../domain/predictions';
import { listGigDays } from '../db/gig-histories';
import type { Workspace } from '../db/schema';
import type { AppContext } from './context';
import { listClients, type ClientView } from './portfolio';

export interface ClientForecast {
  clientId: number;
  name: string;
  prediction: ClientPrediction;
  seasonal: SeasonalPattern | null;
  explanation: string;
}

export interface Forecast {
  asOf: IsoDate;
  model: Pick<PortfolioModel, 'bgNbd' | 'gammaGamma' | 'confidence' | 'reasons' | 'clients' | 'repeaters'>;
  clients: ClientForecast[];
}

export const CONFIDENCE_LABEL = { high: 'confiance élevée', medium: 'confiance moyenne', low: 'confiance faible' } as const;

/** Shared: a formatter per call costs more than the rest of a 20,000-client explanation pass. */
const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

function percent(p: number): string {
  return `${Math.round(p * 100)} %`;
}

export function explainPrediction(p: ClientPrediction): string {
  if (p.expectedGigs === null) {
    return `Pas encore d'historique : potentiel estimé ${formatEuros(p.expectedRevenueCents)} sur 12 mois.`;
  }
  if (p.pAlive === null) {
    return `Une seule prestation : trop tôt pour dire s'il reviendra ; potentiel ${formatEuros(p.expectedRevenueCents)} sur 12 mois.`;
  }
  const gigs = ONE_DECIMAL.format(p.expectedGigs);
  const revenue = p.basis === 'model'
    ? `${formatEuros(p.expectedRevenueCents)} attendus, ${formatEuros(p.revenueIfWonBackCents)} s'il est reconquis`
    : `potentiel ${formatEuros(p.expectedRevenueCents)} s'il est reconquis (d'après l'historique)`;
  return `Encore client à ${percent(p.pAlive)} ; ${gigs} prestation(s) attendue(s) sur 12 mois ; ${revenue} — ${CONFIDENCE_LABEL[p.confidence]}.`;
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);

function groupByClient(days: { clientId: number; date: string; amountCents: number }[]): Map<number, ClientGig[]> {
  const histories = new Map<number, ClientGig[]>();
  for (const d of days) {
    let h = histories.get(d.clientId);
    if (!h) histories.set(d.clientId, (h = []));
    h.push({ date: d.date, amountCents: d.amountCents });
  }
  return histories;
}

/** Fits the models on the workspace's history up to `asOf` and predicts every client. */
export async function getForecast(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<Forecast> {
  return forecastOf(ctx, workspace, asOf, await listClients(ctx, workspace, asOf));
}

/** The same, for clients already segmented (the server's cached portfolio). */
export async function forecastOf(ctx: AppContext, workspace: Workspace, asOf: IsoDate, clients: ClientView[]): Promise<Forecast> {
  return forecastFrom(clients, groupByClient(await listGigDays(ctx.database.db, workspace.id, asOf)), asOf);
}

function forecastFrom(clients: ClientView[], histories: Map<number, ClientGig[]>, asOf: IsoDate): Forecast {
  const model = fitPortfolioModel([...histories.values()], asOf);
  const { bgNbd, gammaGamma, confidence, reasons, repeaters } = model;
  return {
    asOf,
    model: { bgNbd, gammaGamma, confidence, reasons, clients: model.clients, repeaters },
    clients: clients.map((c) => {
      const history = histories.get(c.id) ?? [];
      const predicted = predictClient(history, asOf, model, c.segment.potential?.cents ?? 0);
      // BG/NBD puts P(alive) at exactly 1 after a single gig day (no repeat, no sign of dropout):
      // true to the model, misleading to a DJ looking at a wedding client from 2023.
      const prediction = predicted.x === 0 ? { ...predicted, pAlive: null } : predicted;
      const seasonal = detectSeasonality(history.map((g) => g.date), asOf);
      const explanation = seasonal ? `${explainPrediction(prediction)} ${capitalised(seasonal.explanation)}.` : explainPrediction(prediction);
      return { clientId: c.id, name: c.name, prediction, seasonal, explanation };
    }),
  };
}

export interface BacktestRow {
  name: string;
  predictedGigs: number | null;
  /** The history-based yearly rate of the segmentation's potential, for comparison. */
  naiveGigs: number;
  actualGigs: number;
  predictedRevenueCents: number;
  actualRevenueCents: number;
}

/**
 * Calibrates on the history up to `calibrationEnd`, predicts the next 12 months, and compares
 * with the done gigs that really happened in (calibrationEnd, calibrationEnd + 1 year].
 */
export async function backtestForecast(ctx: AppContext, workspace: Workspace, calibrationEnd: IsoDate) {
  const horizonEnd = addDays(calibrationEnd, 365);
  const forecast = await getForecast(ctx, workspace, calibrationEnd);
  const clients = await listClients(ctx, workspace, calibrationEnd);
  const actual = groupByClient(await listGigDays(ctx.database.db, workspace.id, horizonEnd, calibrationEnd));
  const naive = new Map(clients.map((c) => [c.id, c.segment.potential?.gigsPerYear ?? 0]));
  const rows: BacktestRow[] = forecast.clients.map((f) => {
    const real = actual.get(f.clientId) ?? [];
    return {
      name: f.name,
      predictedGigs: f.prediction.expectedGigs,
      naiveGigs: naive.get(f.clientId) ?? 0,
      actualGigs: real.length,
      predictedRevenueCents: f.prediction.expectedRevenueCents,
      actualRevenueCents: real.reduce((s, g) => s + g.amountCents, 0),
    };
  });
  const sum = (f: (r: BacktestRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const mae = (f: (r: BacktestRow) => number) => sum((r) => Math.abs(f(r) - r.actualGigs)) / Math.max(1, rows.length);
  return {
    calibrationEnd,
    horizonEnd,
    model: forecast.model,
    rows,
    totals: {
      predictedGigs: sum((r) => r.predictedGigs ?? 0),
      naiveGigs: sum((r) => r.naiveGigs),
      actualGigs: sum((r) => r.actualGigs),
      predictedRevenueCents: sum((r) => r.predictedRevenueCents),
      actualRevenueCents: sum((r) => r.actualRevenueCents),
      meanAbsoluteErrorGigs: mae((r) => r.predictedGigs ?? 0),
      naiveMeanAbsoluteErrorGigs: mae((r) => r.naiveGigs),
    },
  };
}
