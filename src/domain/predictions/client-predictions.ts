/**
 * Predictions for the app: fit BG/NBD + Gamma-Gamma on a DJ's portfolio, then per client the
 * expected gigs and revenue over the next 12 months, P(alive) and the revenue "if won back".
 *
 * A DJ has 25 to a few thousand clients, far fewer than the 2,357 customers the models were
 * validated on, so the fit is penalised (a prior on the log-parameters worth about one client, whatever the portfolio
 * size), graded ('high' | 'medium' | 'low'), and below 'medium' revenue falls back to a
 * history-based potential the app computes. Outputs are never NaN, probabilities stay in [0, 1]
 * and expectations are never negative.
 */
import type { IsoDate } from '../dates';
import { toDayNumber } from '../dates';
import type { Cents } from '../money';
import {
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchasesIfAlive,
  bgNbdProbabilityAlive,
  fitBgNbd,
} from './bg-nbd';
import { type TransactionSummary, summarizeDays } from './client-history';
import { type GammaGammaParams, fitGammaGamma, gammaGammaConditionalExpectedSpend } from './gamma-gamma';

/** A done gig of a client. */
export interface ClientGig {
  date: IsoDate;
  amountCents: Cents;
}

export type PredictionConfidence = 'high' | 'medium' | 'low';

/** 12 months in the models' time unit (weeks): an average Gregorian year. */
export const PREDICTION_HORIZON_WEEKS = 365.25 / 7;

export interface PortfolioModel {
  referenceDate: IsoDate;
  /** null when the fit failed outright (e.g. no client has a gig before the reference date). */
  bgNbd: BgNbdParams | null;
  /** null when fewer than MIN_SPEND_REPEATERS clients have repeat gigs with a positive amount, or q ≤ 1. */
  gammaGamma: GammaGammaParams | null;
  confidence: PredictionConfidence;
  /** Why the confidence is not 'high', in French, for the UI ("peu de clients fidèles (7)"). */
  reasons: string[];
  clients: number;
  repeaters: number;
  /** Mean amount of a gig day over the portfolio (spend fallback when a client has none). */
  meanGigDayCents: number;
}

export interface FitPortfolioOptions {
  /**
   * Weight, in "clients", of the Gaussian prior on the log-parameters (fitBgNbd's logPenalizer is
   * this divided by the number of clients), so it matters for 25 clients and fades for thousands. Default 1.
   */
  priorWeight?: number;
}

const MIN_CLIENTS_MEDIUM = 30;
const MIN_REPEATERS_MEDIUM = 10;
const MIN_CLIENTS_HIGH = 200;
const MIN_REPEATERS_HIGH = 50;
/** ln-parameter standard errors: 0.5 ≈ ±65 % at one s.e.; above 1.5 the parameter is barely identified. */
const MAX_LOG_SE_HIGH = 0.5;
const MAX_LOG_SE_MEDIUM = 1.5;
const MIN_SPEND_REPEATERS = 10;

function summarizeGigs(gigs: readonly ClientGig[], referenceDay: number): TransactionSummary | null {
  return summarizeDays(
    gigs.map((g) => toDayNumber(g.date)),
    gigs.map((g) => g.amountCents),
    referenceDay,
  );
}

export function fitPortfolioModel(
  histories: readonly (readonly ClientGig[])[],
  referenceDate: IsoDate,
  options: FitPortfolioOptions = {},
): PortfolioModel {
  const referenceDay = toDayNumber(referenceDate);
  const summaries = histories.map((h) => summarizeGigs(h, referenceDay)).filter((s): s is TransactionSummary => s !== null);
  const clients = summaries.length;
  const repeaters = summaries.filter((s) => s.x > 0).length;
  let dayTotal = 0;
  let dayCount = 0;
  for (const s of summaries) {
    dayTotal += s.meanAmount * (s.x + 1);
    dayCount += s.x + 1;
  }
  const meanGigDayCents = dayCount > 0 ? Math.max(0, dayTotal / dayCount) : 0;
  const reasons: string[] = [];
  const empty: PortfolioModel = { referenceDate, bgNbd: null, gammaGamma: null, confidence: 'low', reasons, clients, repeaters, meanGigDayCents };
  if (clients === 0 || summaries.every((s) => s.T === 0)) {
    reasons.push('pas assez d’historique');
    return empty;
  }

  const priorWeight = options.priorWeight ?? 1;
  const fit = fitBgNbd(
    { x: summaries.map((s) => s.x), tx: summaries.map((s) => s.tx), T: summaries.map((s) => s.T) },
    { logPenalizer: priorWeight / clients },
  );
  const paramsOk = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].every((v) => Number.isFinite(v) && v > 0);
  if (!paramsOk) {
    reasons.push('le modèle ne s’ajuste pas à ces données');
    return empty;
  }

  let gammaGamma: GammaGammaParams | null = null;
  const spenders = summaries.filter((s) => s.x > 0 && s.zbar > 0);
  if (spenders.length >= MIN_SPEND_REPEATERS) {
    const gg = fitGammaGamma({ x: spenders.map((s) => s.x), zbar: spenders.map((s) => s.zbar) }, { logPenalizer: priorWeight / spenders.length });
    if (gg.converged && gg.params.q > 1) gammaGamma = gg.params;
  }

  const maxSe = fit.logParamStandardErrors ? Math.max(...fit.logParamStandardErrors) : Number.POSITIVE_INFINITY;
  let confidence: PredictionConfidence = 'high';
  const lower = (to: PredictionConfidence, reason: string): void => {
    reasons.push(reason);
    if (to === 'low' || confidence === 'high') confidence = to;
  };
  if (!fit.converged) lower('low', 'l’ajustement n’a pas convergé');
  if (fit.logParamStandardErrors === null) lower('low', 'les données ne déterminent pas les paramètres');
  else if (maxSe > MAX_LOG_SE_MEDIUM) lower('low', 'paramètres très incertains');
  else if (maxSe > MAX_LOG_SE_HIGH) lower('medium', 'paramètres incertains');
  if (clients < MIN_CLIENTS_MEDIUM) lower('low', `peu de clients (${clients})`);
  else if (clients < MIN_CLIENTS_HIGH) lower('medium', `moins de ${MIN_CLIENTS_HIGH} clients (${clients})`);
  if (repeaters < MIN_REPEATERS_MEDIUM) lower('low', `peu de clients fidèles (${repeaters})`);
  else if (repeaters < MIN_REPEATERS_HIGH) lower('medium', `moins de ${MIN_REPEATERS_HIGH} clients fidèles (${repeaters})`);
  return { referenceDate, bgNbd: fit.params, gammaGamma, confidence, reasons, clients, repeaters, meanGigDayCents };
}

export interface ClientPrediction {
  /** Repeat gig days, weeks from first to last gig day, weeks from first gig day to the reference date. */
  x: number;
  txWeeks: number;
  TWeeks: number;
  /** P(still a client) at the reference date; null without a model or without history. */
  pAlive: number | null;
  /** E[gig days in the next 12 months]; null without a model or without history. */
  expectedGigs: number | null;
  /** Expected amount of one gig day (Gamma-Gamma, else the client's own mean, else the portfolio's). */
  expectedGigCents: Cents;
  /** Expected revenue over the next 12 months (integer cents, ≥ 0). */
  expectedRevenueCents: Cents;
  /**
   * Expected revenue over the next 12 months if the client is still "alive", i.e.
   * E[Y(12 months) | alive] × spend = (E[Y] / P(alive)) × spend: what winning the client back is worth.
   */
  revenueIfWonBackCents: Cents;
  /** 'model' when the revenue figures come from BG/NBD; 'history' when they are the app's potential. */
  basis: 'model' | 'history';
  confidence: PredictionConfidence;
}

function nonNegativeCents(v: number): Cents {
  return Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
}

function probability(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

/**
 * Prediction for one client. `fallbackPotentialCents` is the history-based yearly potential the app
 * computes (e.g. the client's average yearly revenue); it is the revenue figure whenever the model
 * is missing or its confidence is 'low'.
 */
export function predictClient(
  gigs: readonly ClientGig[],
  referenceDate: IsoDate,
  model: PortfolioModel,
  fallbackPotentialCents: Cents,
): ClientPrediction {
  const fallback = nonNegativeCents(fallbackPotentialCents);
  const s = summarizeGigs(gigs, toDayNumber(referenceDate));
  const ownMean = s && s.meanAmount > 0 ? s.meanAmount : model.meanGigDayCents;
  const params = model.bgNbd;
  if (!s || !params) {
    return {
      x: s?.x ?? 0,
      txWeeks: s?.tx ?? 0,
      TWeeks: s?.T ?? 0,
      pAlive: null,
      expectedGigs: null,
      expectedGigCents: nonNegativeCents(ownMean),
      expectedRevenueCents: fallback,
      revenueIfWonBackCents: fallback,
      basis: 'history',
      confidence: 'low',
    };
  }
  const pAlive = probability(bgNbdProbabilityAlive(params, s.x, s.tx, s.T));
  const expectedGigs = nonNegative(bgNbdConditionalExpectedPurchases(params, PREDICTION_HORIZON_WEEKS, s.x, s.tx, s.T));
  const gigsIfAlive = nonNegative(bgNbdExpectedPurchasesIfAlive(params, PREDICTION_HORIZON_WEEKS, s.x, s.T));
  let spend = ownMean;
  if (model.gammaGamma && s.x > 0 && s.zbar > 0) spend = gammaGammaConditionalExpectedSpend(model.gammaGamma, s.x, s.zbar);
  const expectedGigCents = nonNegativeCents(spend);
  const basis = model.confidence === 'low' ? 'history' : 'model';
  return {
    x: s.x,
    txWeeks: s.tx,
    TWeeks: s.T,
    pAlive,
    expectedGigs,
    expectedGigCents,
    expectedRevenueCents: basis === 'model' ? nonNegativeCents(expectedGigs * expectedGigCents) : fallback,
    revenueIfWonBackCents: basis === 'model' ? nonNegativeCents(gigsIfAlive * expectedGigCents) : fallback,
    basis,
    confidence: model.confidence,
  };
}

function nonNegative(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}
