/** Public API of the predictions module (documented in the project README, section "Predictions"). */
export {
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesIfAlive,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  bgNbdTotalLogLikelihood,
  fitBgNbd,
} from './bg-nbd';
export { DAYS_PER_WEEK, type DatedAmount, type TransactionSummary, summarizeDays, summarizeTransactions } from './client-history';
export {
  type ClientGig,
  type ClientPrediction,
  type FitPortfolioOptions,
  type PortfolioModel,
  type PredictionConfidence,
  type PredictionFitName,
  type PredictionReason,
  PREDICTION_HORIZON_WEEKS,
  fitPortfolioModel,
  fitPortfolioSummaries,
  predictClient,
  predictSummary,
  summarizeClient,
} from './client-predictions';
export {
  type GroupedSummaries,
  type RepeatSummaries,
  type RepeatSummary,
  groupSummaries,
  isValidSummary,
  toSummaryColumns,
} from './customer-data';
export {
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaParams,
  type SpendSummaries,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaPopulationMean,
} from './gamma-gamma';
export { type SeasonalPattern, type SeasonalityOptions, detectSeasonality } from './seasonality';
