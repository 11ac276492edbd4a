/**
 * Predictions for the app: fit BG/NBD + Gamma-Gamma on a DJ's portfolio, then per client the
 * expected gigs and revenue over the next 12 months, P(alive) and the revenue "if won back".
 *
 * A DJ has 25 to a few thousand clients, far fewer than the 2,357 customers the models were
 * validated on, so both fits carry a prior on their log-parameters, centred on the data's own
 * scales (time on the longest observation span, amounts on the portfolio's mean gig amount, so the
 * currency unit changes nothing) and weighing min(1, 25 / clients) clients: it steadies 25 clients
 * and is negligible for thousands. Both fits are graded ('high' | 'medium' | 'low'), each reason
 * naming its fit. Expected revenue is always expected gigs × expected spend, so it agrees with the
 * probability; below 'medium' the "if won back" figure is the history-based potential the app
 * computes. Outputs are never NaN, probabilities stay in [0, 1] and expectations are never negative.
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
import { type GammaGammaParams, fitGammaGamma, gammaGammaConditionalExpectedSpend, gammaGammaPopulationMean } from './gamma-gamma';

/** A done gig of a client. */
export interface ClientGig {
  date: IsoDate;
  amountCents: Cents;
}

export const PREDICTION_CONFIDENCES = ['high', 'medium', 'low'] as const;
export type PredictionConfidence = (typeof PREDICTION_CONFIDENCES)[number];

/** Which fit a reason is about: the gig frequency (BG/NBD) or the amounts (Gamma-Gamma). */
export const PREDICTION_FITS = ['frequency', 'spend'] as const;
export type PredictionFitName = (typeof PREDICTION_FITS)[number];

/**
 * Why the confidence is not 'high', as a code the interfaces word (web messages, CLI):
 * - no_history: nobody has a gig before the reference date; no_fit: the model does not fit at all;
 * - not_converged, undetermined (flat curvature), very_uncertain / uncertain (ln-parameter s.e. above 1.5 / 0.5);
 * - few_clients / few_repeaters / few_spenders: `count` below what `low` needs; under_* : below `threshold` for `high`;
 * - infinite_mean: the spend fit gives q ≤ 1, i.e. no finite mean amount.
 */
export const PREDICTION_REASON_CODES = [
  'no_history',
  'no_fit',
  'not_converged',
  'undetermined',
  'very_uncertain',
  'uncertain',
  'few_clients',
  'under_clients',
  'few_repeaters',
  'under_repeaters',
  'few_spenders',
  'under_spenders',
  'infinite_mean',
] as const;

export interface PredictionReason {
  code: (typeof PREDICTION_REASON_CODES)[number];
  fit: PredictionFitName;
  count?: number;
  threshold?: number;
}

/** 12 months in the models' time unit (weeks): an average Gregorian year. */
export const PREDICTION_HORIZON_WEEKS = 365.25 / 7;

export interface PortfolioModel {
  referenceDate: IsoDate;
  /** null when the fit failed outright (e.g. no client has a gig before the reference date). */
  bgNbd: BgNbdParams | null;
  /** null when fewer than MIN_SPEND_REPEATERS clients have repeat gigs with a positive amount, or q ≤ 1. */
  gammaGamma: GammaGammaParams | null;
  /** The lower of the two fits' grades. */
  confidence: PredictionConfidence;
  /** Why the confidence is not 'high', each naming the fit it is about. */
  reasons: PredictionReason[];
  clients: number;
  repeaters: number;
  /** Mean amount of a gig day over the portfolio: the spend prior's centre and the spend fallback. */
  meanGigDayCents: number;
  /** Weight of the priors, in clients: min(1, 25 / clients). */
  priorWeight: number;
}

export interface FitPortfolioOptions {
  /**
   * Total weight, in "clients", of the Gaussian priors on the log-parameters. Default
   * min(1, 25 / clients): a whole client for a DJ's 25, a hundredth of one for CDNOW's 2,357.
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
const MIN_SPEND_REPEATERS_HIGH = 50;
/** The prior weighs a whole client up to this many clients, then fades as 1/N. */
const PRIOR_FULL_WEIGHT_UP_TO = 25;

function summarizeGigs(gigs: readonly ClientGig[], referenceDay: number): TransactionSummary | null {
  return summarizeDays(
    gigs.map((g) => toDayNumber(g.date)),
    gigs.map((g) => g.amountCents),
    referenceDay,
  );
}

/** Grades one fit: the reasons it gives, and the level they lead to. */
class Grader {
  confidence: PredictionConfidence = 'high';
  readonly reasons: PredictionReason[] = [];

  lower(to: PredictionConfidence, reason: PredictionReason): void {
    this.reasons.push(reason);
    if (to === 'low' || this.confidence === 'high') this.confidence = to;
  }

  /** Convergence and the curvature's standard errors. */
  fit(fit: PredictionFitName, converged: boolean, se: readonly number[] | null): void {
    if (!converged) this.lower('low', { code: 'not_converged', fit });
    if (se === null) return this.lower('low', { code: 'undetermined', fit });
    const maxSe = Math.max(...se);
    if (maxSe > MAX_LOG_SE_MEDIUM) this.lower('low', { code: 'very_uncertain', fit });
    else if (maxSe > MAX_LOG_SE_HIGH) this.lower('medium', { code: 'uncertain', fit });
  }

  /** A count against the thresholds of 'low' and 'high'. */
  count(
    fit: PredictionFitName,
    count: number,
    low: number,
    high: number,
    few: PredictionReason['code'],
    under: PredictionReason['code'],
  ): void {
    if (count < low) this.lower('low', { code: few, fit, count });
    else if (count < high) this.lower('medium', { code: under, fit, count, threshold: high });
  }
}

/** A client's done gigs up to the reference date as the models' (x, t_x, T, z̄); null without any. */
export function summarizeClient(gigs: readonly ClientGig[], referenceDate: IsoDate): TransactionSummary | null {
  return summarizeGigs(gigs, toDayNumber(referenceDate));
}

export function fitPortfolioModel(
  histories: readonly (readonly ClientGig[])[],
  referenceDate: IsoDate,
  options: FitPortfolioOptions = {},
): PortfolioModel {
  const referenceDay = toDayNumber(referenceDate);
  const summaries: TransactionSummary[] = [];
  for (const h of histories) {
    const s = summarizeGigs(h, referenceDay);
    if (s) summaries.push(s);
  }
  return fitPortfolioSummaries(summaries, referenceDate, options);
}

/** fitPortfolioModel on summaries already made (summarizeClient), so a refit summarizes each client once. */
export function fitPortfolioSummaries(
  summaries: readonly TransactionSummary[],
  referenceDate: IsoDate,
  options: FitPortfolioOptions = {},
): PortfolioModel {
  const clients = summaries.length;
  let repeaters = 0;
  let dayTotal = 0;
  let dayCount = 0;
  for (const s of summaries) {
    if (s.x > 0) repeaters++;
    dayTotal += s.meanAmount * (s.x + 1);
    dayCount += s.x + 1;
  }
  const meanGigDayCents = dayCount > 0 ? Math.max(0, dayTotal / dayCount) : 0;
  const priorWeight = options.priorWeight ?? Math.min(1, PRIOR_FULL_WEIGHT_UP_TO / Math.max(1, clients));
  const grader = new Grader();
  const result = (bgNbd: BgNbdParams | null, gammaGamma: GammaGammaParams | null): PortfolioModel => ({
    referenceDate,
    bgNbd,
    gammaGamma,
    confidence: bgNbd ? grader.confidence : 'low',
    reasons: grader.reasons,
    clients,
    repeaters,
    meanGigDayCents,
    priorWeight,
  });
  if (clients === 0 || summaries.every((s) => s.T === 0)) {
    grader.lower('low', { code: 'no_history', fit: 'frequency' });
    return result(null, null);
  }

  // Both priors weigh `priorWeight` clients in total: the objectives are means per client.
  const fit = fitBgNbd(
    { x: summaries.map((s) => s.x), tx: summaries.map((s) => s.tx), T: summaries.map((s) => s.T) },
    { logPenalizer: priorWeight / clients },
  );
  const paramsOk = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].every((v) => Number.isFinite(v) && v > 0);
  if (!paramsOk) {
    grader.lower('low', { code: 'no_fit', fit: 'frequency' });
    return result(null, null);
  }
  grader.fit('frequency', fit.converged, fit.logParamStandardErrors);
  grader.count('frequency', clients, MIN_CLIENTS_MEDIUM, MIN_CLIENTS_HIGH, 'few_clients', 'under_clients');
  grader.count('frequency', repeaters, MIN_REPEATERS_MEDIUM, MIN_REPEATERS_HIGH, 'few_repeaters', 'under_repeaters');

  let gammaGamma: GammaGammaParams | null = null;
  const spenders = summaries.filter((s) => s.x > 0 && s.zbar > 0);
  grader.count('spend', spenders.length, MIN_SPEND_REPEATERS, MIN_SPEND_REPEATERS_HIGH, 'few_spenders', 'under_spenders');
  if (spenders.length >= MIN_SPEND_REPEATERS) {
    // Centred on the portfolio's own mean amount, so cents, euros or dollars give the same fit.
    const gg = fitGammaGamma(
      { x: spenders.map((s) => s.x), zbar: spenders.map((s) => s.zbar) },
      { logPenalizer: priorWeight / spenders.length, spendScale: meanGigDayCents },
    );
    if (gg.converged && gg.params.q > 1) gammaGamma = gg.params;
    if (gg.converged && !(gg.params.q > 1)) grader.lower('low', { code: 'infinite_mean', fit: 'spend' });
    else grader.fit('spend', gg.converged, gg.logParamStandardErrors);
  }
  return result(fit.params, gammaGamma);
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
  /**
   * Expected amount of one gig day: Gamma-Gamma E[M | x, z̄] for a repeat client, its population
   * mean for a single-gig client (note 025: x = 0 says nothing about this client's own spend);
   * without a spend fit, the client's own mean for a repeat client, else the portfolio's mean.
   */
  expectedGigCents: Cents;
  /**
   * Expected revenue over the next 12 months: expectedGigs × expectedGigCents, so it always agrees
   * with the probability; the history-based potential when there is no model or no history.
   */
  expectedRevenueCents: Cents;
  /**
   * What the client is worth over the next 12 months if won back (still a client): with basis
   * 'model', E[Y | alive] × spend; with basis 'history' (low confidence, no model), the app's
   * history-based potential (never below the expected revenue). Always ≥ expectedRevenueCents.
   */
  revenueIfWonBackCents: Cents;
  /** Where revenueIfWonBackCents comes from: the model, or the client's history ('history'). */
  basis: 'model' | 'history';
  /** Where expectedGigCents comes from. */
  spendBasis: 'client' | 'population' | 'portfolio';
  confidence: PredictionConfidence;
}

function nonNegativeCents(v: number): Cents {
  return Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
}

function probability(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

/** Expected amount of one gig day of a client, and what it rests on (see ClientPrediction). */
function expectedSpend(s: TransactionSummary, model: PortfolioModel): { cents: number; basis: ClientPrediction['spendBasis'] } {
  const gg = model.gammaGamma;
  if (s.x > 0 && s.zbar > 0) {
    return gg ? { cents: gammaGammaConditionalExpectedSpend(gg, s.x, s.zbar), basis: 'client' } : { cents: s.meanAmount, basis: 'client' };
  }
  if (s.x === 0 && gg) return { cents: gammaGammaPopulationMean(gg), basis: 'population' };
  return { cents: model.meanGigDayCents, basis: 'portfolio' };
}

/**
 * Prediction for one client over the next `horizonWeeks` (12 months unless a backtest asks for
 * less). `fallbackPotentialCents` is the history-based potential the app computes over the same
 * horizon (e.g. the client's average yearly revenue): what the client is worth if won back when
 * the model's confidence is 'low', and the only figure when there is no model or no history.
 */
export function predictClient(
  gigs: readonly ClientGig[],
  referenceDate: IsoDate,
  model: PortfolioModel,
  fallbackPotentialCents: Cents,
  horizonWeeks: number = PREDICTION_HORIZON_WEEKS,
): ClientPrediction {
  return predictSummary(summarizeGigs(gigs, toDayNumber(referenceDate)), model, fallbackPotentialCents, horizonWeeks);
}

/** predictClient on the client's summary (summarizeClient at the model's reference date). */
export function predictSummary(
  s: TransactionSummary | null,
  model: PortfolioModel,
  fallbackPotentialCents: Cents,
  horizonWeeks: number = PREDICTION_HORIZON_WEEKS,
): ClientPrediction {
  const fallback = nonNegativeCents(fallbackPotentialCents);
  const params = model.bgNbd;
  if (!s || !params) {
    return {
      x: s?.x ?? 0,
      txWeeks: s?.tx ?? 0,
      TWeeks: s?.T ?? 0,
      pAlive: null,
      expectedGigs: null,
      expectedGigCents: nonNegativeCents(s && s.meanAmount > 0 ? s.meanAmount : model.meanGigDayCents),
      expectedRevenueCents: fallback,
      revenueIfWonBackCents: fallback,
      basis: 'history',
      spendBasis: s && s.meanAmount > 0 ? 'client' : 'portfolio',
      confidence: 'low',
    };
  }
  const pAlive = probability(bgNbdProbabilityAlive(params, s.x, s.tx, s.T));
  const expectedGigs = nonNegative(bgNbdConditionalExpectedPurchases(params, horizonWeeks, s.x, s.tx, s.T));
  const gigsIfAlive = nonNegative(bgNbdExpectedPurchasesIfAlive(params, horizonWeeks, s.x, s.T));
  const spend = expectedSpend(s, model);
  const expectedGigCents = nonNegativeCents(spend.cents);
  const expectedRevenueCents = nonNegativeCents(expectedGigs * spend.cents);
  const basis = model.confidence === 'low' ? 'history' : 'model';
  const ifWonBack = basis === 'model' ? nonNegativeCents(gigsIfAlive * spend.cents) : fallback;
  return {
    x: s.x,
    txWeeks: s.tx,
    TWeeks: s.T,
    pAlive,
    expectedGigs,
    expectedGigCents,
    expectedRevenueCents,
    revenueIfWonBackCents: Math.max(ifWonBack, expectedRevenueCents),
    basis,
    spendBasis: spend.basis,
    confidence: model.confidence,
  };
}

function nonNegative(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}
