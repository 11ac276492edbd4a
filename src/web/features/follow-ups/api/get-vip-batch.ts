import { z } from 'zod';
import { request, withQuery } from '../../../lib/api-client';
import { draftSchema } from './schemas';

const responseSchema = z.object({ asOf: z.string(), total: z.number(), candidates: z.array(draftSchema) });
export type VipBatch = z.infer<typeof responseSchema>;

/** At most one batch (500), the server's limit for « Envoyer tout ». */
export function getVipBatch(): Promise<VipBatch> {
  return request('GET', withQuery('/api/follow-ups/vip-batch', { limit: 500 }), responseSchema);
}
