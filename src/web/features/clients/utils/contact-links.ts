/** Links that open the phone, the mail client or WhatsApp from a client's contact details. */

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export { isEmailAddress, mailtoLink } from '../../../../domain/email';

/**
 * wa.me wants the international number in digits only: a French 0X XX XX XX XX becomes 33X…,
 * +33 and 0033 lose their prefix. Null when nothing like a phone number is left.
 */
export function whatsappHref(phone: string): string | null {
  let digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+')) digits = digits.replace(/^0+/, '');
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (/^0\d{9}$/.test(digits)) digits = `33${digits.slice(1)}`;
  return digits.length >= 8 ? `https://wa.me/${digits}` : null;
}
