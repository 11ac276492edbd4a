/** `djbooker kpis` for a person: the three KPIs and the objectives, in French. */
import type { KpisJson } from '../contracts/kpis';
import { eurosToCents } from '../domain/money';
import { fill, type Vars } from '../contracts/messages';
import { count, decimal1, euros, frenchDate } from './format';

const NO_FOLLOW_UP = 'pas encore de relance';
const OBJECTIVE_LABEL = {
  vipReactivation: 'VIP inactifs réactivés dans les 3 mois',
  regularReactivation: 'Clients réguliers inactifs réactivés dans les 3 mois',
  activeShare: 'Clients actifs (< {active} jours)',
} as const;

function percent(ratio: number | null): string {
  return ratio === null ? NO_FOLLOW_UP : `${Math.round(ratio * 100)} %`;
}

/** `thresholds`: the workspace's, quoted by the labels (`{active}`: days without a gig of an active client). */
export function kpisText(k: KpisJson, thresholds: Vars): string {
  const rate = (key: 'all' | 'vip' | 'regular') => `${percent(k.reactivationRate[key])} (${k.responded[key]} sur ${k.followedUp[key]})`;
  const lines = [
    `📈 INDICATEURS du ${frenchDate(k.from)} au ${frenchDate(k.to)}`,
    `• Taux de réactivation : ${rate('all')} — VIP ${rate('vip')}, réguliers ${rate('regular')}`,
    `• CA réactivation : ${euros(eurosToCents(k.reactivationRevenue))}${k.reactivationRevenueUpcoming > 0 ? ` (+ ${euros(eurosToCents(k.reactivationRevenueUpcoming))} confirmés à venir)` : ''}`,
    `• Durée moyenne d'inactivité avant retour : ${k.avgInactivityBeforeReturnDays === null ? 'aucun retour' : `${decimal1(k.avgInactivityBeforeReturnDays)} jours`} (${count(k.returns, 'retour', 'retours')})`,
    '',
    '🎯 OBJECTIFS RECOMMANDÉS',
    ...k.objectives.map((o) => {
      const state = o.met === null ? '' : o.met ? ' ✅ atteint' : ' ❌ non atteint';
      const pending = o.pending > 0 ? ` — ${count(o.pending, 'relance', 'relances')} de moins de 90 jours en attente` : '';
      const value = o.value === null && o.key === 'activeShare' ? 'aucun client avec prestation' : percent(o.value);
      return `• ${fill(OBJECTIVE_LABEL[o.key], thresholds)} : ${value} (objectif ≥ ${Math.round(o.target * 100)} %)${state}${pending}`;
    }),
  ];
  return lines.join('\n') + '\n';
}
