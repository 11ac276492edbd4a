import { requestFile } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import type { MessageInput } from '../../../../contracts/follow-ups';

/** Hands a downloaded file to the browser under the server's file name. */
function saveFile(blob: Blob, headers: Headers, fallback: string): void {
  const disposition = headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The message as an .eml file, saved by the browser; recorded « à confirmer » on the server. */
export async function downloadEml(input: MessageInput): Promise<{ followUpId: number | null }> {
  const { blob, headers } = await requestFile('POST', '/api/follow-ups/eml', { json: input });
  saveFile(blob, headers, 'relance.eml');
  invalidate(...FOLLOW_UP_KEYS);
  const id = Number(headers.get('x-follow-up-id'));
  return { followUpId: Number.isInteger(id) && id > 0 ? id : null };
}

/** Every message of a batch as .eml files in one .zip; each recorded « à confirmer ». */
export async function downloadEmlZip(messages: MessageInput[]): Promise<{ recorded: Map<number, number>; refused: number[] }> {
  const { blob, headers } = await requestFile('POST', '/api/follow-ups/eml-batch', { json: { messages } });
  saveFile(blob, headers, 'relances.zip');
  invalidate(...FOLLOW_UP_KEYS);
  const recorded = new Map<number, number>();
  for (const pair of (headers.get('x-follow-up-ids') ?? '').split(',')) {
    const [clientId, followUpId] = pair.split(':').map(Number);
    if (clientId && followUpId) recorded.set(clientId, followUpId);
  }
  const refused = (headers.get('x-refused-clients') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  return { recorded, refused };
}
