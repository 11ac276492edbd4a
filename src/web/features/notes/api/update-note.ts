import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { noteSchema, type Note } from '../../../lib/entities';
import { invalidate } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { noteInputSchema } from './create-note';

const responseSchema = z.object({ note: noteSchema });

export async function updateNote({ clientId, id, text }: { clientId: number; id: number; text: string }): Promise<Note> {
  const { note } = await request('PATCH', `/api/notes/${id}`, responseSchema, { json: noteInputSchema.parse({ text }) });
  invalidate(keys.client(clientId));
  return note;
}
