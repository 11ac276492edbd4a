import { request } from '../../../lib/api-client';
import { noteResponseSchema, type Note } from '../../../../contracts/clients';
import { invalidate } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { noteInputSchema } from './create-note';

export async function updateNote({ clientId, id, text }: { clientId: number; id: number; text: string }): Promise<Note> {
  const { note } = await request('PATCH', `/api/notes/${id}`, noteResponseSchema, { json: noteInputSchema.parse({ text }) });
  invalidate(keys.client(clientId));
  return note;
}
