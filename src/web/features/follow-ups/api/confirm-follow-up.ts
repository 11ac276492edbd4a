import { noContent, request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { FOLLOW_UP_KEYS } from '../../../lib/query-keys';
import { confirmedSchema, followUpResponseSchema, type FollowUp } from '../../../../contracts/follow-ups';

/** « C'est parti ? Confirmer l'envoi »: a follow-up « à confirmer » becomes sent. */
export async function confirmFollowUp(id: number): Promise<FollowUp> {
  const { followUp } = await request('POST', `/api/follow-ups/${id}/confirm`, followUpResponseSchema, { json: {} });
  invalidate(...FOLLOW_UP_KEYS);
  return followUp;
}

/** It did not go out after all: forgotten. */
export async function discardFollowUp(id: number): Promise<true> {
  await request('POST', `/api/follow-ups/${id}/discard`, noContent, { json: {} });
  invalidate(...FOLLOW_UP_KEYS);
  return true;
}

/** « Tout confirmer envoyé »: every follow-up of the batch still « à confirmer » went out. */
export async function confirmFollowUps(ids: number[]): Promise<number[]> {
  const { confirmed } = await request('POST', '/api/follow-ups/confirm', confirmedSchema, { json: { ids } });
  invalidate(...FOLLOW_UP_KEYS);
  return confirmed;
}
