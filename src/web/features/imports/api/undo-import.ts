import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';

export const undoResultSchema = z.object({ removedGigs: z.number(), removedClients: z.number(), restored: z.number() });
export type UndoResult = z.infer<typeof undoResultSchema>;

export async function undoImport(id: number): Promise<UndoResult> {
  const result = await request('POST', `/api/imports/${id}/undo`, undoResultSchema);
  invalidate(...PORTFOLIO_KEYS, keys.imports);
  return result;
}
