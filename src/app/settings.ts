import type { SettingsUpdate, WorkspaceSettings } from '../contracts/settings';
import { getWorkspace, updateWorkspace, type Workspace } from '../db/workspaces';
import { centsToEuros, eurosToCents } from '../domain/money';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../domain/segments';
import type { AppContext } from './context';
import { AppError } from './errors';

export function thresholdsOf(settings: WorkspaceSettings): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...settings.thresholds };
}

/** The thresholds as the API shows them: the VIP revenue in euros. */
function thresholdsJson(t: Thresholds) {
  return {
    activeDays: t.activeDays,
    lapsedDays: t.lapsedDays,
    vipMinGigs: t.vipMinGigs,
    vipMinRevenue: centsToEuros(t.vipMinRevenueCents),
    vipActiveMinGigs: t.vipActiveMinGigs,
  };
}

export function settingsView(workspace: Workspace) {
  const s = workspace.settings;
  return {
    referenceDate: workspace.referenceDate,
    timeZone: workspace.timeZone,
    thresholds: thresholdsJson(thresholdsOf(s)),
    defaults: thresholdsJson(DEFAULT_THRESHOLDS),
    djName: s.djName ?? '',
    signature: s.signature ?? '',
    language: s.language ?? 'fr',
  };
}
export type SettingsView = ReturnType<typeof settingsView>;

export type { SettingsUpdate } from '../contracts/settings';

export async function updateSettings(ctx: AppContext, workspace: Workspace, input: SettingsUpdate): Promise<SettingsView> {
  const current = workspace.settings;
  const { vipMinRevenue, ...thresholds } = input.thresholds ?? {};
  const merged = {
    ...current,
    ...(input.djName !== undefined ? { djName: input.djName } : {}),
    ...(input.signature !== undefined ? { signature: input.signature } : {}),
    ...(input.language !== undefined ? { language: input.language } : {}),
    thresholds: {
      ...current.thresholds,
      ...thresholds,
      ...(vipMinRevenue !== undefined ? { vipMinRevenueCents: eurosToCents(vipMinRevenue) } : {}),
    },
  };
  const effective = thresholdsOf(merged);
  if (effective.activeDays > effective.lapsedDays) {
    throw AppError.worded('invalid_input', 'error.settings.thresholds', { active: effective.activeDays, lapsed: effective.lapsedDays });
  }
  await updateWorkspace(ctx.database.db, workspace.id, {
    settings: merged,
    ...(input.referenceDate !== undefined ? { referenceDate: input.referenceDate } : {}),
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
  });
  return settingsView((await getWorkspace(ctx.database.db, workspace.id)) ?? workspace);
}
