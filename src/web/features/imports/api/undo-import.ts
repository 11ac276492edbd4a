import { undoResultSchema, type UndoResult } from '../../../../contracts/imports';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';

export type { UndoResult } from '../../../../contracts/imports';

export async function undoImport(id: number): Promise<UndoResult> {
  const result = await request('POST', `/api/imports/${id}/undo`, undoResultSchema);
  invalidate(...PORTFOLIO_KEYS, keys.imports);
  return result;
}
