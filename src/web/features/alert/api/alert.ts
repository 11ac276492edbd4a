/** The weekly alert: this week's figures for the panel, and the owner's settings (day, hour, address). */
import {
  alertSettingsSchema,
  alertViewSchema,
  type AlertSettingsInput,
  type AlertSettingsJson,
  type AlertViewJson,
} from '../../../../contracts/alert';
import { request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export function getAlert(): Promise<AlertViewJson> {
  return request('GET', '/api/alert', alertViewSchema);
}

export function useAlert() {
  return useQuery(keys.alert, getAlert);
}

export async function saveAlertSettings(input: AlertSettingsInput): Promise<AlertSettingsJson> {
  const saved = await request('PUT', '/api/alert/settings', alertSettingsSchema, { json: input });
  invalidate(keys.alert);
  return saved;
}
