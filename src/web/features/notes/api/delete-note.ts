import { noContent, request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export async function deleteNote({ clientId, id }: { clientId: number; id: number }): Promise<true> {
  await request('DELETE', `/api/notes/${id}`, noContent);
  invalidate(keys.client(clientId));
  return true;
}
