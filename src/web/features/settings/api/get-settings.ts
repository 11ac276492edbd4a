import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { thresholdsSchema } from '../../../lib/entities';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const settingsSchema = z.object({
  referenceDate: z.string().nullable(),
  timeZone: z.string(),
  thresholds: thresholdsSchema,
  defaults: thresholdsSchema,
  djName: z.string().nullish(),
  signature: z.string().nullish(),
  language: z.enum(['fr', 'en']).nullish(),
});
export type Settings = z.infer<typeof settingsSchema>;

export function getSettings(): Promise<Settings> {
  return request('GET', '/api/settings', settingsSchema);
}

export function useSettings(enabled = true) {
  return useQuery(keys.settings, getSettings, enabled);
}
