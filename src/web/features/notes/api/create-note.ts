import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { noteResponseSchema, type Note } from '../../../../contracts/clients';
import { invalidate } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const noteInputSchema = z.object({ text: z.string().trim().min(1).max(5000) });

export async function createNote({ clientId, text }: { clientId: number; text: string }): Promise<Note> {
  const { note } = await request('POST', `/api/clients/${clientId}/notes`, noteResponseSchema, { json: noteInputSchema.parse({ text }) });
  invalidate(keys.client(clientId));
  return note;
}
