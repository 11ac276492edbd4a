import { z } from 'zod';
import type { Workspace } from '../db/schema';
import { getWorkspace, updateWorkspace } from '../db/workspaces';
import { centsToEuros, eurosToCents } from '../domain/money';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../domain/segments';
import type { SettingsUpdate } from '../contracts/settings';
import type { AppContext } from './context';
import { AppError } from './errors';

/** A workspace's settings as stored (JSON): every field optional, defaults from the guide. */
export const workspaceSettingsSchema = z.object({
  thresholds: z
    .object({
      activeDays: z.number().int().min(1).max(3650),
      lapsedDays: z.number().int().min(1).max(3650),
      vipMinGigs: z.number().int().min(1),
      vipMinRevenueCents: z.number().int().min(0),
      vipActiveMinGigs: z.number().int().min(1),
    })
    .partial()
    .refine((t) => t.activeDays === undefined || t.lapsedDays === undefined || t.activeDays <= t.lapsedDays, {
      message: 'activeDays must not exceed lapsedDays',
    })
    .optional(),
  djName: z.string().max(200).optional(),
  signature: z.string().max(2000).optional(),
  language: z.enum(['fr', 'en']).optional(),
  /** The weekly alert (app/weekly-alert.ts): on while it has an address, since `since` (an ISO instant). */
  weeklyAlert: z
    .object({
      address: z.email().max(254).nullable(),
      day: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      since: z.iso.datetime().nullable(),
    })
    .optional(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export function parseSettings(json: string): WorkspaceSettings {
  const parsed = workspaceSettingsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}

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
  const s = parseSettings(workspace.settings);
  return {
    referenceDate: workspace.reference_date,
    timeZone: workspace.time_zone,
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
  const current = parseSettings(workspace.settings);
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
    throw new AppError(
      'invalid_input',
      `Le seuil « actif » (${effective.activeDays} jours) ne peut dépasser le seuil « à relancer » (${effective.lapsedDays} jours).`,
    );
  }
  await updateWorkspace(ctx.database.db, workspace.id, {
    settings: JSON.stringify(workspaceSettingsSchema.parse(merged)),
    ...(input.referenceDate !== undefined ? { reference_date: input.referenceDate } : {}),
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
  });
  return settingsView((await getWorkspace(ctx.database.db, workspace.id)) ?? workspace);
}
