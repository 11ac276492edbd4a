import { describe, expect, it } from 'vitest';
import { mailtoLink, telHref, whatsappHref } from './contact-links';

describe('contact links', () => {
  it('turns a French mobile number into a wa.me link with the 33 prefix', () => {
    expect(whatsappHref('06 39 98 00 67')).toBe('https://wa.me/33639980067');
    expect(whatsappHref('+33 6 39 98 00 67')).toBe('https://wa.me/33639980067');
    expect(whatsappHref('0033 6 39 98 00 67')).toBe('https://wa.me/33639980067');
  });
  it('keeps other international numbers and refuses what is not a number', () => {
    expect(whatsappHref('+41 79 123 45 67')).toBe('https://wa.me/41791234567');
    expect(whatsappHref('n/a')).toBeNull();
  });
  it('writes tel: and mailto: links', () => {
    expect(telHref('06 39 98 00 67')).toBe('tel:0639980067');
    expect(mailtoLink(' a@b.fr ')).toBe('mailto:a@b.fr');
  });
});
