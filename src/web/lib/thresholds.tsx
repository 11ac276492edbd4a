/**
 * The workspace's thresholds, for the texts that quote them (« ≥ 10 prestations »). The app shell
 * provides them from the settings; until they arrive, the guide's defaults.
 */
import { createContext, useContext } from 'react';
import { useI18n } from './i18n';
import { centsToEuros } from '../../domain/money';
import { DEFAULT_THRESHOLDS } from '../../domain/segments';
import type { Thresholds } from '../../contracts/settings';

export const GUIDE_THRESHOLDS: Thresholds = {
  activeDays: DEFAULT_THRESHOLDS.activeDays,
  lapsedDays: DEFAULT_THRESHOLDS.lapsedDays,
  vipMinGigs: DEFAULT_THRESHOLDS.vipMinGigs,
  vipMinRevenue: centsToEuros(DEFAULT_THRESHOLDS.vipMinRevenueCents),
  vipActiveMinGigs: DEFAULT_THRESHOLDS.vipActiveMinGigs,
};

export const ThresholdsContext = createContext<Thresholds>(GUIDE_THRESHOLDS);

export function useThresholds(): Thresholds {
  return useContext(ThresholdsContext);
}

/** The status thresholds as the texts quote them (`{active}`, `{lapsed}`), formatted in the user's language. */
export function useStatusThresholdVars(): { active: string; lapsed: string } {
  const { number } = useI18n();
  const th = useThresholds();
  return { active: number(th.activeDays), lapsed: number(th.lapsedDays) };
}
