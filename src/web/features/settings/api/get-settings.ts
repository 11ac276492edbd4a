import { request } from '../../../lib/api-client';
import { settingsSchema, type Settings } from '../../../../contracts/settings';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { Settings } from '../../../../contracts/settings';

export function getSettings(): Promise<Settings> {
  return request('GET', '/api/settings', settingsSchema);
}

export function useSettings(enabled = true) {
  return useQuery(keys.settings, getSettings, enabled);
}
