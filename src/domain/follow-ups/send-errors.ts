/**
 * Why an e-mail did not go, as a kind the interface can word: the mail library's technical text
 * (`getaddrinfo ENOTFOUND smtp.exemple.fr`, `connect ECONNREFUSED`) means nothing to a DJ. The
 * stored text stays (it is what a technician needs); the kind picks the sentence shown above it.
 */
export const SEND_ERROR_KINDS = [
  'host_not_found', 'connection_refused', 'timeout', 'auth', 'tls', 'recipient_refused', 'sender_refused', 'try_later',
  'opted_out', 'cancelled', 'interrupted', 'no_settings', 'other',
] as const;
export type SendErrorKind = (typeof SEND_ERROR_KINDS)[number];

/** Tried in order: the first that matches names the cause. */
const RULES: readonly [SendErrorKind, RegExp][] = [
  ['cancelled', /annulé par vous/i],
  ['opted_out', /désinscrit|ne plus contacter/i],
  ['no_settings', /aucun serveur d’envoi n’est configuré/i],
  ['interrupted', /envoi interrompu|a peut-être (reçu|accepté)/i],
  ['host_not_found', /ENOTFOUND|EAI_AGAIN|getaddrinfo|EDNS/],
  ['connection_refused', /ECONNREFUSED/],
  ['timeout', /ETIMEDOUT|délai dépassé|timed? ?out/i],
  ['auth', /mot de passe refusé|EAUTH|authenticat/i],
  ['tls', /certificat|certificate|\bTLS\b|\bSSL\b|wrong version number/i],
  ['sender_refused', /adresse d’expéditeur refusée/i],
  ['recipient_refused', /adresse refusée|adresse invalide|RCPT/i],
  ['try_later', /réessayer plus tard/i],
];

export function sendErrorKind(error: string | null): SendErrorKind | null {
  if (error === null || error.trim() === '') return null;
  for (const [kind, pattern] of RULES) if (pattern.test(error)) return kind;
  return 'other';
}
