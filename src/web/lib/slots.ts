/**
 * Where one feature shows another's work without importing it (imports flow shared → features →
 * app): the lists and the client page leave these slots, and the app fills them.
 */
import type { ReactNode } from 'react';
import type { Client } from '../../contracts/clients';

/** Which button opened the generator: Contacter (VIP), Relancer (à relancer), Rappel doux (en veille). */
export type FollowUpKind = 'contact' | 'relaunch' | 'gentle';

export interface FollowUpTarget {
  client: Client;
  kind: FollowUpKind;
}

/** The generator for a target (null: closed). */
export type RenderFollowUp = (target: FollowUpTarget | null, onClose: () => void) => ReactNode;

/** Lines a client's card adds under its figures (predictions, last follow-up). */
export type RenderCardFacts = (client: Client) => ReactNode;
