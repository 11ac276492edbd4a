import { describe, expect, it } from 'vitest';
import {
  bouncedAddresses,
  imapFailureOf,
  imapFailureOfStored,
  matchReply,
  replyExcerpt,
  storedImapFailure,
  type CandidateFollowUp,
  type IncomingMessage,
} from './replies';

const sent: CandidateFollowUp = {
  id: 7,
  clientId: 3,
  clientEmail: 'marie@example.fr',
  date: '2026-03-01',
  messageId: '<abc@dj.fr>',
  wentOut: true,
};
const copied: CandidateFollowUp = {
  id: 8,
  clientId: 4,
  clientEmail: 'paul@example.fr',
  date: '2026-03-01',
  messageId: null,
  wentOut: false,
};

function message(over: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    messageId: '<r1@example.fr>',
    inReplyTo: [],
    references: [],
    from: 'marie@example.fr',
    date: '2026-03-05',
    subject: 'Re: votre soirée',
    headers: {},
    contentType: 'text/plain',
    text: 'Oui !',
    ...over,
  };
}

describe('matchReply', () => {
  it('is certain when In-Reply-To names the follow-up, whoever writes and whenever', () => {
    expect(matchReply(message({ inReplyTo: ['<ABC@dj.fr>'], from: 'other@x.fr', date: '2027-01-01' }), [sent])).toMatchObject({
      kind: 'reply',
      followUpId: 7,
      certainty: 'certain',
      reason: 'in_reply_to',
    });
    expect(matchReply(message({ references: ['<x@y>', '<abc@dj.fr>'], from: null }), [sent])).toMatchObject({
      kind: 'reply',
      certainty: 'certain',
      reason: 'references',
    });
  });

  it('is probable from the client’s address within 60 days after the follow-up, not before nor after', () => {
    expect(matchReply(message({ from: 'marie@example.fr', date: '2026-04-30' }), [sent])).toMatchObject({
      kind: 'reply',
      followUpId: 7,
      certainty: 'probable',
      reason: 'sender_within_window',
    });
    expect(matchReply(message({ date: '2026-05-01' }), [sent])).toEqual({ kind: 'unrelated', automatic: null });
    expect(matchReply(message({ date: '2026-02-28' }), [sent])).toEqual({ kind: 'unrelated', automatic: null });
  });

  it('matches a copied follow-up by address only once it is confirmed as sent', () => {
    expect(matchReply(message({ from: 'paul@example.fr' }), [copied])).toEqual({ kind: 'unrelated', automatic: null });
    expect(matchReply(message({ from: 'paul@example.fr' }), [{ ...copied, wentOut: true }])).toMatchObject({
      kind: 'reply',
      followUpId: 8,
      certainty: 'probable',
    });
  });

  it('leaves a stranger’s message alone', () => {
    expect(matchReply(message({ from: 'stranger@spam.biz' }), [sent, copied])).toEqual({ kind: 'unrelated', automatic: null });
  });

  it('recognises auto-replies by header and by subject', () => {
    expect(matchReply(message({ inReplyTo: ['<abc@dj.fr>'], headers: { 'auto-submitted': 'auto-replied' } }), [sent])).toMatchObject({
      kind: 'auto_reply',
      certainty: 'certain',
    });
    expect(matchReply(message({ headers: { 'auto-submitted': 'no' } }), [sent])).toMatchObject({ kind: 'reply' });
    expect(matchReply(message({ headers: { 'x-autoreply': 'yes' } }), [sent])).toMatchObject({ kind: 'auto_reply', certainty: 'probable' });
    expect(matchReply(message({ subject: 'Réponse automatique : absente' }), [sent])).toMatchObject({ kind: 'auto_reply' });
    expect(matchReply(message({ subject: 'Out of Office: back Monday' }), [sent])).toMatchObject({ kind: 'auto_reply' });
    expect(matchReply(message({ from: 'x@y.z', subject: 'Automatic reply' }), [sent])).toEqual({
      kind: 'unrelated',
      automatic: 'auto_reply',
    });
  });

  it('recognises a bounce by its report or its sender, and names the failing address', () => {
    const dsn = message({
      from: 'mailer-daemon@mx.example.net',
      subject: 'Undelivered Mail Returned to Sender',
      contentType: 'multipart/report; report-type=delivery-status; boundary="b"',
      text: 'Final-Recipient: rfc822; marie@example.fr\nAction: failed\nMessage-ID: <abc@dj.fr>\n',
    });
    expect(matchReply(dsn, [sent])).toEqual({
      kind: 'bounce',
      followUpId: 7,
      clientId: 3,
      certainty: 'certain',
      reason: 'bounce_names_message',
      failingAddress: 'marie@example.fr',
    });
    expect(matchReply({ ...dsn, text: 'Final-Recipient: rfc822; marie@example.fr' }, [sent])).toMatchObject({
      kind: 'bounce',
      reason: 'bounce_names_address',
      failingAddress: 'marie@example.fr',
    });
    expect(matchReply({ ...dsn, text: 'nothing useful' }, [sent])).toEqual({ kind: 'unrelated', automatic: 'bounce' });
  });
});

describe('bouncedAddresses and replyExcerpt', () => {
  it('reads the recipients of a delivery report', () => {
    expect(bouncedAddresses('Original-Recipient: rfc822;<A@B.fr>\nFinal-Recipient: rfc822; c@d.fr')).toEqual(['a@b.fr', 'c@d.fr']);
  });
  it('keeps the first lines above the quoted message', () => {
    expect(replyExcerpt('Bonjour,\r\nOui pour le 12 !\r\n\r\nLe 1 mars 2026, DJ a écrit :\r\n> Bonjour Marie')).toBe(
      'Bonjour,\nOui pour le 12 !',
    );
    expect(replyExcerpt('x'.repeat(400)).length).toBe(301);
  });
});

describe('a mailbox failure', () => {
  it('is named from the library’s error, and kept with its technical text', () => {
    expect(imapFailureOf({ authenticationFailed: true, responseText: 'Invalid credentials' })).toEqual({
      kind: 'auth',
      detail: 'Invalid credentials',
    });
    expect(imapFailureOf({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND imap.exemple.fr' }).kind).toBe('host_not_found');
    expect(imapFailureOf({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:993' }).kind).toBe('connection_refused');
    expect(imapFailureOf({ code: 'GREETING_TIMEOUT', message: 'x' }).kind).toBe('timeout');
    expect(imapFailureOf({ code: 'ECONNRESET' }).kind).toBe('connection_lost');
    expect(imapFailureOf({ message: 'unable to verify the first certificate' }).kind).toBe('tls');
    expect(imapFailureOf({ message: 'x'.repeat(500) })).toEqual({ kind: 'other', detail: 'x'.repeat(200) });
  });

  it('reads back as stored; a text stored before the kinds is “other”', () => {
    const f = { kind: 'timeout', detail: 'a: b\nc' } as const;
    expect(imapFailureOfStored(storedImapFailure(f))).toEqual(f);
    expect(imapFailureOfStored('le serveur refuse la connexion')).toEqual({ kind: 'other', detail: 'le serveur refuse la connexion' });
  });
});
