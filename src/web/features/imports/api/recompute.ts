import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS } from '../../../lib/query-keys';

export const recomputeSchema = z.object({ clients: z.number(), gigs: z.number() });
export type RecomputeResult = z.infer<typeof recomputeSchema>;

export async function recompute(): Promise<RecomputeResult> {
  const result = await request('POST', '/api/recompute', recomputeSchema);
  invalidate(...PORTFOLIO_KEYS);
  return result;
}
