import { describe, expect, it } from 'vitest';
import { mailtoLink } from '../email';
import { listUnsubscribeHeaders, optOutLine, unsubscribeOf, withOptOutLine } from './message';

describe('opt-out', () => {
  it('is a mailto: to the DJ by default', () => {
    const u = unsubscribeOf('dj@example.fr', null, 'tok');
    expect(u).toEqual({ mailto: 'mailto:dj@example.fr?subject=STOP', url: null });
    expect(listUnsubscribeHeaders(u)).toEqual({ 'List-Unsubscribe': '<mailto:dj@example.fr?subject=STOP>' });
    expect(optOutLine(u)).toContain('Répondez simplement « STOP »');
  });

  it('adds the https link and one-click only when the app has a public address', () => {
    const u = unsubscribeOf('dj@example.fr', 'https://crm.example.fr/', 'a-b_c');
    expect(u.url).toBe('https://crm.example.fr/unsubscribe/a-b_c');
    expect(listUnsubscribeHeaders(u)).toEqual({
      'List-Unsubscribe': '<https://crm.example.fr/unsubscribe/a-b_c>, <mailto:dj@example.fr?subject=STOP>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(withOptOutLine('Bonjour\n\n', u)).toBe(
      'Bonjour\n\n--\nVous ne souhaitez plus recevoir mes messages ? Désinscrivez-vous ici : https://crm.example.fr/unsubscribe/a-b_c\n',
    );
  });
});

describe('mailtoLink', () => {
  it('encodes subject and body (emoji, accents, line breaks as CRLF)', () => {
    const link = mailtoLink('contact@yellow-monkeys.example', {
      subject: 'On se retrouve bientôt ? 🎵',
      body: 'Bonjour Kevin,\nÀ bientôt & merci',
    });
    expect(link.startsWith('mailto:contact@yellow-monkeys.example?subject=')).toBe(true);
    const params = new URLSearchParams(link.split('?')[1]);
    expect(params.get('subject')).toBe('On se retrouve bientôt ? 🎵');
    expect(params.get('body')).toBe('Bonjour Kevin,\r\nÀ bientôt & merci');
    expect(link).not.toContain('+');
  });
});
