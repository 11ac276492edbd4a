import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { thresholdsSchema } from '../../../../contracts/settings';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';
import { settingsSchema, type Settings } from '../../../../contracts/settings';

export const settingsInputSchema = z.object({
  referenceDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
  thresholds: thresholdsSchema.partial().optional(),
  djName: z.string().max(200).optional(),
  signature: z.string().max(2000).optional(),
  language: z.enum(['fr', 'en']).optional(),
});
export type SettingsInput = z.infer<typeof settingsInputSchema>;

export async function updateSettings(input: SettingsInput): Promise<Settings> {
  const settings = await request('PUT', '/api/settings', settingsSchema, { json: settingsInputSchema.parse(input) });
  // The reference date and the thresholds change every figure.
  invalidate(keys.settings, ...PORTFOLIO_KEYS);
  return settings;
}
