import { z } from 'zod';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../domain/segments';

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
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export function parseSettings(json: string): WorkspaceSettings {
  const parsed = workspaceSettingsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}

export function thresholdsOf(settings: WorkspaceSettings): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...settings.thresholds };
}
