import { request, withQuery } from '../../../lib/api-client';
import { vipBatchSchema, type VipBatch } from '../../../../contracts/follow-ups';

/** At most one batch (500), the server's limit for « Envoyer tout ». */
export function getVipBatch(): Promise<VipBatch> {
  return request('GET', withQuery('/api/follow-ups/vip-batch', { limit: 500 }), vipBatchSchema);
}
