/**
 * Why an e-mail did not go, as a kind the interface can word: the mail library's technical text
 * (`getaddrinfo ENOTFOUND smtp.exemple.fr`, `connect ECONNREFUSED`) means nothing to a DJ. The
 * stored text stays (it is what a technician needs); the kind picks the sentence shown above it.
 */
export const SEND_ERROR_KINDS = [
  'host_not_found',
  'connection_refused',
  'timeout',
  'auth',
  'tls',
  'recipient_refused',
  'sender_refused',
  'try_later',
  'opted_out',
  'cancelled',
  'interrupted',
  'no_settings',
  'bounced',
  'other',
] as const;
export type SendErrorKind = (typeof SEND_ERROR_KINDS)[number];

/** The error a follow-up whose message came back carries (written by the reply watcher, read as `bounced`). */
export function bounceError(address: string): string {
  return `Non distribué : le serveur du destinataire a renvoyé le message (${address}).`;
}

/** What a failed secure connection says (the mail library's or Node's text), for sending and for reading mail. */
export const TLS_FAILURE = /certificate|\bTLS\b|\bSSL\b|wrong version number|EPROTO/i;

/** Tried in order: the first that matches names the cause. */
const RULES: readonly [SendErrorKind, RegExp][] = [
  ['cancelled', /annulé par vous/i],
  ['opted_out', /désinscrit|ne plus contacter/i],
  ['no_settings', /aucun serveur d’envoi n’est configuré/i],
  ['interrupted', /envoi interrompu|a peut-être (reçu|accepté)/i],
  ['bounced', /^Non distribué/],
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

/** What the mail library tells of a failure (nodemailer's SMTP errors, Node's network errors). */
export interface SmtpFailure {
  /** nodemailer's code (`EAUTH`, `ECONNECTION`, `ETIMEDOUT`, `EDNS`, `ETLS`…) or Node's (`ECONNREFUSED`). */
  code: string | null;
  /** The SMTP reply code (535, 550, 421…), when the server answered. */
  responseCode: number | null;
  /** The SMTP command that failed (`RCPT TO`, `MAIL FROM`, `AUTH PLAIN`…). */
  command: string | null;
  /** The technical text (`getaddrinfo ENOTFOUND smtp.exemple.fr`). */
  message: string;
  /** The whole message had reached the server before the failure: it may have been accepted. */
  handedOver: boolean;
}

/**
 * The cause of a sending failure, straight from the mail library's error (not from our sentence
 * about it): which of the sentences a DJ reads (« serveur d’envoi introuvable : vérifiez son
 * adresse ») says what went wrong.
 */
export function smtpFailureKind(f: SmtpFailure): SendErrorKind {
  const text = `${f.code ?? ''} ${f.message}`;
  if (f.responseCode !== null && f.responseCode >= 500) {
    if (f.code === 'EAUTH' || f.responseCode === 535 || f.responseCode === 534 || f.responseCode === 530) return 'auth';
    if (f.command === 'RCPT TO') return 'recipient_refused';
    if (f.command === 'MAIL FROM') return 'sender_refused';
    return 'other';
  }
  if (f.responseCode !== null && f.responseCode >= 400) return 'try_later';
  if (f.handedOver) return 'interrupted';
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text) || f.code === 'EDNS') return 'host_not_found';
  if (/ECONNREFUSED/.test(text)) return 'connection_refused';
  if (f.code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(text)) return 'timeout';
  if (f.code === 'ETLS' || TLS_FAILURE.test(text)) return 'tls';
  if (f.code === 'EAUTH') return 'auth';
  if (f.code === 'EENVELOPE') return 'recipient_refused';
  return 'other';
}
