import { requestFile } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import type { MessageInput } from './schemas';

/** The message as an .eml file, saved by the browser; recorded « à confirmer » on the server. */
export async function downloadEml(input: MessageInput): Promise<{ followUpId: number | null }> {
  const { blob, headers } = await requestFile('POST', '/api/follow-ups/eml', { json: input });
  const disposition = headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'relance.eml';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  invalidate(...FOLLOW_UP_KEYS);
  const id = Number(headers.get('x-follow-up-id'));
  return { followUpId: Number.isInteger(id) && id > 0 ? id : null };
}
