import { recomputeResultSchema, type RecomputeResult } from '../../../../contracts/imports';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';

export type { RecomputeResult } from '../../../../contracts/imports';

export async function recompute(): Promise<RecomputeResult> {
  const result = await request('POST', '/api/recompute', recomputeResultSchema);
  invalidate(...PORTFOLIO_KEYS);
  return result;
}
