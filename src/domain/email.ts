/**
 * E-mail addresses and `mailto:` links, in one place: an address typed in a spreadsheet is text
 * until it proves to be an address, and a link never lets it add recipients or headers.
 */

/** The shape the outbox's validation (zod's `z.email()`) accepts: one mailbox, ASCII, a dotted domain. */
const ADDRESS = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Longer than RFC 5321 allows. */
const MAX_ADDRESS = 254;

export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_ADDRESS && ADDRESS.test(text);
}

/**
 * "Ouvrir dans ma messagerie". Every part is percent-encoded (RFC 6068 wants %20 for spaces and
 * CRLF line breaks); `to` is used only when it is an address, otherwise the link has no
 * recipient: `a@x?bcc=spy@evil` from an import never becomes a Bcc.
 */
export function mailtoLink(to: string | null, fields: { subject?: string; body?: string } = {}): string {
  const address = to?.trim() ?? '';
  const recipient = isEmailAddress(address) ? encodeURIComponent(address).replace(/%40/g, '@') : '';
  const query = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value.replace(/\r?\n/g, '\r\n'))}`);
  return `mailto:${recipient}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
