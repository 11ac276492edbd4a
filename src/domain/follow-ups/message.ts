/** What every sent follow-up carries besides its text: the opt-out line, List-Unsubscribe, a mailto: link. */
import { mailtoLink } from '../email.js';

export interface Unsubscribe {
  /** `mailto:` the DJ, always there. */
  mailto: string;
  /** `https://…/unsubscribe/<token>`, only when the app is reachable from the Internet (PUBLIC_URL). */
  url: string | null;
}

export const OPT_OUT_SUBJECT = 'STOP';

export function unsubscribeOf(djAddress: string, publicUrl: string | null, token: string): Unsubscribe {
  return {
    mailto: mailtoLink(djAddress, { subject: OPT_OUT_SUBJECT }),
    url: publicUrl ? `${publicUrl.replace(/\/+$/, '')}/unsubscribe/${encodeURIComponent(token)}` : null,
  };
}

/** The line that ends every message: how to stop receiving them. */
export function optOutLine(u: Unsubscribe): string {
  return u.url
    ? `Vous ne souhaitez plus recevoir mes messages ? Désinscrivez-vous ici : ${u.url}`
    : `Vous ne souhaitez plus recevoir mes messages ? Répondez simplement « ${OPT_OUT_SUBJECT} » à cet e-mail.`;
}

export function withOptOutLine(body: string, u: Unsubscribe): string {
  return `${body.trimEnd()}\n\n--\n${optOutLine(u)}\n`;
}

/** The List-Unsubscribe header (RFC 2369) and, with an https link, one-click unsubscription (RFC 8058). */
export function listUnsubscribeHeaders(u: Unsubscribe): Record<string, string> {
  if (!u.url) return { 'List-Unsubscribe': `<${u.mailto}>` };
  return { 'List-Unsubscribe': `<${u.url}>, <${u.mailto}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
