/**
 * Predictions per client (BG/NBD + Gamma-Gamma, seasonality) on top of the segmentation: the
 * probability of still being a client, the gigs and revenue expected over 12 months (which agree
 * with that probability), what the client is worth if won back, and the seasonal follow-up date,
 * each with a one-line French explanation for the CLI (the web words the same facts itself).
 */
import { addDays, addMonths, daysBetween, type IsoDate } from '../domain/dates';
import { formatEuros } from '../domain/money';
import {
  detectSeasonality,
  fitPortfolioModel,
  fitPortfolioSummaries,
  predictClient,
  predictSummary,
  summarizeClient,
  type ClientGig,
  type ClientPrediction,
  type PortfolioModel,
  type PredictionReason,
  type SeasonalPattern,
  type TransactionSummary,
} from '../domain/predictions';
import { listGigDays } from '../db/gig-histories';
import type { Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError } from './errors';
import { derivedFromPortfolio, getPortfolioClient, listAllClients, listClients, type ClientQuery, type ClientView } from './portfolio';
import { referenceDateOf } from './workspace';

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

const FIT_LABEL = { frequency: 'fréquence (BG/NBD)', spend: 'montants (Gamma-Gamma)' } as const;

/** A reason for the confidence, in French (CLI and the JSON's `text`; the web words the code itself). */
export function reasonText(r: PredictionReason): string {
  const fit = FIT_LABEL[r.fit];
  switch (r.code) {
    case 'no_history':
      return 'pas assez d’historique';
    case 'no_fit':
      return 'le modèle ne s’ajuste pas à ces données';
    case 'not_converged':
      return `${fit} : l’ajustement n’a pas convergé`;
    case 'undetermined':
      return `${fit} : les données ne déterminent pas les paramètres`;
    case 'very_uncertain':
      return `${fit} : paramètres très incertains`;
    case 'uncertain':
      return `${fit} : paramètres incertains`;
    case 'few_clients':
      return `peu de clients (${r.count})`;
    case 'under_clients':
      return `moins de ${r.threshold} clients (${r.count})`;
    case 'few_repeaters':
      return `peu de clients fidèles (${r.count})`;
    case 'under_repeaters':
      return `moins de ${r.threshold} clients fidèles (${r.count})`;
    case 'few_spenders':
      return `${fit} : peu de clients fidèles avec un montant (${r.count})`;
    case 'under_spenders':
      return `${fit} : moins de ${r.threshold} clients fidèles avec un montant (${r.count})`;
    case 'infinite_mean':
      return `${fit} : pas de montant moyen fini`;
  }
}

/** Shared: a formatter per call costs more than the rest of a 20,000-client explanation pass. */
const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « moins de 1 % » rather than « 0 % »: the model never says exactly zero (as the web does). */
export function percentFr(p: number): string {
  if (p > 0 && p < 0.005) return 'moins de 1 %';
  if (p < 1 && p > 0.995) return 'plus de 99 %';
  return `${Math.round(p * 100)} %`;
}

function gigsFr(n: number): string {
  // « 0 prestation » next to a few euros expected would read as a contradiction.
  if (n > 0 && n < 0.05) return 'moins de 0,1 prestation';
  const rounded = Math.round(n * 10) / 10;
  return `${ONE_DECIMAL.format(rounded)} prestation${rounded >= 2 ? 's' : ''}`;
}

export function explainPrediction(p: ClientPrediction): string {
  if (p.expectedGigs === null) {
    return `Pas encore d'historique : potentiel estimé ${formatEuros(p.expectedRevenueCents)} sur 12 mois.`;
  }
  const confidence = CONFIDENCE_LABEL[p.confidence];
  const ifWonBack = `${formatEuros(p.revenueIfWonBackCents)} s'il est reconquis${p.basis === 'history' ? ' (d’après son historique)' : ''}`;
  if (p.pAlive === null) {
    return (
      `Une seule prestation : on ne sait presque rien de ce client. Un client dans ce cas fait en moyenne ${gigsFr(p.expectedGigs)} sur 12 mois, ` +
      `au montant moyen ${p.spendBasis === 'population' ? 'des clients' : 'du portefeuille'} (${formatEuros(p.expectedGigCents)}) : ` +
      `${formatEuros(p.expectedRevenueCents)} attendus ; ${ifWonBack} — ${confidence}.`
    );
  }
  return (
    `Encore client à ${percentFr(p.pAlive)} ; ${gigsFr(p.expectedGigs)} attendue${p.expectedGigs >= 1.95 ? 's' : ''} sur 12 mois, ` +
    `soit ${formatEuros(p.expectedRevenueCents)} attendus ; ${ifWonBack} — ${confidence}.`
  );
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
  return forecastOf(ctx, workspace, asOf, await listAllClients(ctx, workspace, asOf));
}

/** The same, for clients already segmented. */
export async function forecastOf(ctx: AppContext, workspace: Workspace, asOf: IsoDate, clients: readonly ClientView[]): Promise<Forecast> {
  return forecastFrom(clients.map(forecastClientOf), groupByClient(await listGigDays(ctx.database.db, workspace.id, asOf)), asOf);
}

/** The fits of a workspace, once per data version and reference date (kept with the portfolio); clients are predicted as pages ask. */
function preparedForecastOf(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<PreparedForecast> {
  return derivedFromPortfolio(ctx, workspace, asOf, 'forecast', async () =>
    prepareForecast(groupByClient(await listGigDays(ctx.database.db, workspace.id, asOf)), asOf),
  );
}

/** One page of predictions, in the order and with the filters of the client lists (listClients). */
export async function listPredictions(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  query: ClientQuery,
): Promise<{ asOf: IsoDate; model: Forecast['model']; total: number; clients: ClientForecast[] }> {
  const [forecast, page] = await Promise.all([preparedForecastOf(ctx, workspace, asOf), listClients(ctx, workspace, asOf, query)]);
  return { asOf, model: forecast.model, total: page.total, clients: page.clients.map((c) => forecast.clientForecast(forecastClientOf(c))) };
}

/** A client's prediction (null when the client is unknown) and the fit it comes from. */
export async function getPrediction(
  ctx: AppContext,
  workspace: Workspace,
  asOf: IsoDate,
  id: number,
): Promise<{ model: Forecast['model']; prediction: ClientForecast | null }> {
  const [forecast, client] = await Promise.all([preparedForecastOf(ctx, workspace, asOf), getPortfolioClient(ctx, workspace, asOf, id)]);
  return { model: forecast.model, prediction: client ? forecast.clientForecast(forecastClientOf(client)) : null };
}

export function forecastClientOf(c: ClientView): ForecastClient {
  return { id: c.id, name: c.name, potentialCents: c.segment.potential?.cents ?? 0 };
}

/** What the forecast needs of a client besides its gigs: the segmentation's yearly potential. */
export interface ForecastClient {
  id: number;
  name: string;
  potentialCents: number;
}

/**
 * BG/NBD puts P(alive) at exactly 1 after a single gig day (no repeat, no sign of dropout): true to
 * the model, misleading to a DJ looking at a wedding client from 2023. The app says "unknown".
 */
function withoutCertainty(p: ClientPrediction): ClientPrediction {
  return p.x === 0 && p.pAlive !== null ? { ...p, pAlive: null } : p;
}

function modelSummary(model: PortfolioModel): Forecast['model'] {
  const { bgNbd, gammaGamma, confidence, reasons, clients, repeaters } = model;
  return { bgNbd, gammaGamma, confidence, reasons, clients, repeaters };
}

/**
 * A refit whose per-client part is done on demand: both fits over every client up front (what a
 * change of the data costs), then a client's prediction, seasonality and explanation when it is
 * first asked for, and kept. The server pages predictions like the client lists, so a page of 100
 * costs 100 of these, not 20,000 (bench/predictions-refit.ts times both).
 */
export interface PreparedForecast {
  asOf: IsoDate;
  model: Forecast['model'];
  clientForecast(client: ForecastClient): ClientForecast;
}

export function prepareForecast(histories: Map<number, ClientGig[]>, asOf: IsoDate): PreparedForecast {
  const summaries = new Map<number, TransactionSummary>();
  for (const [id, history] of histories) {
    const s = summarizeClient(history, asOf);
    if (s) summaries.set(id, s);
  }
  const model = fitPortfolioSummaries([...summaries.values()], asOf);
  const done = new Map<number, ClientForecast>();
  return {
    asOf,
    model: modelSummary(model),
    clientForecast(c) {
      const found = done.get(c.id);
      if (found) return found;
      const history = histories.get(c.id) ?? [];
      const prediction = withoutCertainty(predictSummary(summaries.get(c.id) ?? null, model, c.potentialCents));
      const seasonal = detectSeasonality(
        history.map((g) => g.date),
        asOf,
      );
      const explanation = seasonal
        ? `${explainPrediction(prediction)} ${capitalised(seasonal.explanation)}.`
        : explainPrediction(prediction);
      const forecast = { clientId: c.id, name: c.name, prediction, seasonal, explanation };
      done.set(c.id, forecast);
      return forecast;
    },
  };
}

/** Every client's forecast at once (the CLI's `predict`): prepareForecast, then each client. */
export function forecastFrom(clients: readonly ForecastClient[], histories: Map<number, ClientGig[]>, asOf: IsoDate): Forecast {
  const prepared = prepareForecast(histories, asOf);
  return { asOf, model: prepared.model, clients: clients.map((c) => prepared.clientForecast(c)) };
}

export interface BacktestRow {
  name: string;
  predictedGigs: number | null;
  /** The segmentation's history-based yearly rate, prorated to the horizon, for comparison. */
  naiveGigs: number;
  actualGigs: number;
  predictedRevenueCents: number;
  actualRevenueCents: number;
}

/** Longest backtest horizon, in days (calendar months are used by default: 12 months after the calibration date). */
export const MAX_BACKTEST_HORIZON_DAYS = 3660;

/**
 * Calibrates on the history up to `calibrationEnd`, predicts the following horizon, and compares
 * with the done gigs that really happened in it. The horizon is `horizonDays` when given, else 12
 * months, cut at the end of the data: the workspace's fixed reference date if it has one (the demo),
 * else its last done gig up to today. Model and naive baseline are over that same horizon.
 */
export async function backtestForecast(
  ctx: AppContext,
  workspace: Workspace,
  calibrationEnd: IsoDate,
  options: { horizonDays?: number } = {},
) {
  const today = referenceDateOf(ctx, workspace);
  const after = await listGigDays(ctx.database.db, workspace.id, today, calibrationEnd);
  const lastGig = after.reduce<IsoDate>((m, g) => (g.date > m ? g.date : m), calibrationEnd);
  const dataEnd = workspace.referenceDate ?? lastGig;
  if (dataEnd <= calibrationEnd) {
    throw AppError.worded('usage', 'error.backtest.nothing', { calibrationEnd, dataEnd });
  }
  let horizonEnd: IsoDate;
  if (options.horizonDays !== undefined) {
    if (!Number.isInteger(options.horizonDays) || options.horizonDays < 1 || options.horizonDays > MAX_BACKTEST_HORIZON_DAYS) {
      throw AppError.worded('usage', 'error.backtest.horizonRange', { max: MAX_BACKTEST_HORIZON_DAYS });
    }
    horizonEnd = addDays(calibrationEnd, options.horizonDays);
    if (horizonEnd > dataEnd) {
      throw AppError.worded('usage', 'error.backtest.horizonPastData', {
        days: options.horizonDays,
        dataEnd,
        max: daysBetween(calibrationEnd, dataEnd),
      });
    }
  } else {
    const twelveMonths = addMonths(calibrationEnd, 12);
    horizonEnd = twelveMonths < dataEnd ? twelveMonths : dataEnd;
  }
  const horizonDays = daysBetween(calibrationEnd, horizonEnd);
  const horizonWeeks = horizonDays / 7;
  const share = horizonDays / 365.25;

  const clients = await listAllClients(ctx, workspace, calibrationEnd);
  const histories = groupByClient(await listGigDays(ctx.database.db, workspace.id, calibrationEnd));
  const model = fitPortfolioModel([...histories.values()], calibrationEnd);
  const actual = groupByClient(after.filter((g) => g.date <= horizonEnd));
  const rows: BacktestRow[] = clients.map((c) => {
    const prediction = predictClient(
      histories.get(c.id) ?? [],
      calibrationEnd,
      model,
      Math.round((c.segment.potential?.cents ?? 0) * share),
      horizonWeeks,
    );
    const real = actual.get(c.id) ?? [];
    return {
      name: c.name,
      predictedGigs: prediction.expectedGigs,
      naiveGigs: (c.segment.potential?.gigsPerYear ?? 0) * share,
      actualGigs: real.length,
      predictedRevenueCents: prediction.expectedRevenueCents,
      actualRevenueCents: real.reduce((s, g) => s + g.amountCents, 0),
    };
  });
  const sum = (f: (r: BacktestRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const mae = (f: (r: BacktestRow) => number) => sum((r) => Math.abs(f(r) - r.actualGigs)) / Math.max(1, rows.length);
  return {
    calibrationEnd,
    horizonEnd,
    horizonDays,
    horizonWeeks,
    dataEnd,
    model: modelSummary(model),
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

export type Backtest = Awaited<ReturnType<typeof backtestForecast>>;
