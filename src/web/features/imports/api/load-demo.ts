import { demoResultSchema } from '../../../../contracts/imports';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';

export async function loadDemo(): Promise<true> {
  await request('POST', '/api/demo', demoResultSchema);
  invalidate(...PORTFOLIO_KEYS, keys.imports, keys.settings);
  return true;
}
