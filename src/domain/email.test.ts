import { describe, expect, it } from 'vitest';
import { isEmailAddress, mailtoLink } from './email';

describe('e-mail addresses and mailto: links', () => {
  it('tells an address from text that only looks like one', () => {
    for (const a of ['jean.dupont@gmail.com', 'contact+dj@mairie-lyon.fr', "o'brien@pub.ie"]) expect(isEmailAddress(a), a).toBe(true);
    for (const a of [
      'a@x?bcc=spy@evil',
      'a@x.fr?bcc=spy@evil.fr',
      'a@x.fr&cc=b@y.fr',
      'a b@c.fr',
      'a@b',
      '@b.fr',
      'a@b.fr,c@d.fr',
      'a@b.fr\r\nBcc: x@y.fr',
      '',
    ]) {
      expect(isEmailAddress(a), a).toBe(false);
    }
  });

  it('never lets an imported address add a recipient or a header', () => {
    // Before: `mailto:a@x?bcc=spy@evil` — a mail client reads a Bcc to spy@evil.
    expect(mailtoLink('a@x?bcc=spy@evil')).toBe('mailto:');
    expect(mailtoLink('a@x.fr?bcc=spy@evil.fr', { subject: 'Salut', body: 'x' })).toBe('mailto:?subject=Salut&body=x');
    expect(mailtoLink(null, { subject: 'Relance' })).toBe('mailto:?subject=Relance');
  });

  it('encodes every part fully, with CRLF line breaks (RFC 6068)', () => {
    expect(mailtoLink(' Jean.Dupont@gmail.com ', { subject: 'Soirée & co ?', body: 'L1\nL2 = 100 %\n#fin' })).toBe(
      'mailto:Jean.Dupont@gmail.com?subject=Soir%C3%A9e%20%26%20co%20%3F&body=L1%0D%0AL2%20%3D%20100%20%25%0D%0A%23fin',
    );
    expect(mailtoLink("o'brien+dj@pub.ie")).toBe("mailto:o'brien%2Bdj@pub.ie");
  });
});
