import { describe, expect, it } from 'vitest';
import { bounceError, sendErrorKind, smtpFailureKind, type SmtpFailure } from './send-errors';

const failure = (f: Partial<SmtpFailure>): SmtpFailure => ({
  code: null,
  responseCode: null,
  command: null,
  message: '',
  handedOver: false,
  ...f,
});

describe('smtpFailureKind: the mail library’s error, as the sentence a DJ reads', () => {
  it.each([
    [
      'getaddrinfo ENOTFOUND: the server’s name does not exist',
      { code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.exemple.fr' },
      'host_not_found',
    ],
    [
      'a DNS answer that will not come (EAI_AGAIN)',
      { code: 'ESOCKET', message: 'getaddrinfo EAI_AGAIN smtp.exemple.fr' },
      'host_not_found',
    ],
    ['ECONNREFUSED: nothing listens on that port', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2' }, 'connection_refused'],
    ['a connection timeout', { code: 'ETIMEDOUT', message: 'Connection timeout' }, 'timeout'],
    ['a greeting that never comes', { code: 'ETIMEDOUT', message: 'Greeting never received' }, 'timeout'],
    ['a self-signed certificate', { code: 'ESOCKET', message: 'self-signed certificate in certificate chain' }, 'tls'],
    [
      'TLS on a STARTTLS port (wrong version number)',
      { code: 'ESOCKET', message: 'write EPROTO 40E7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number' },
      'tls',
    ],
    ['STARTTLS refused by nodemailer', { code: 'ETLS', message: 'Error initiating TLS' }, 'tls'],
    [
      'auth 535: user name or password refused',
      { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', message: 'Invalid login: 535 5.7.8 Authentication failed' },
      'auth',
    ],
    ['auth asked and not offered', { code: 'EAUTH', message: 'Authentication required' }, 'auth'],
    [
      'a recipient refused (550 on RCPT TO)',
      { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: '550 5.1.1 no such user' },
      'recipient_refused',
    ],
    ['a malformed recipient refused before sending', { code: 'EENVELOPE', message: 'No recipients defined' }, 'recipient_refused'],
    [
      'a sender refused (553 on MAIL FROM)',
      { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM', message: '553 sender not allowed' },
      'sender_refused',
    ],
    [
      'greylisting or a busy server (421, 451)',
      { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', message: '451 try again later' },
      'try_later',
    ],
    [
      'a connection lost after the message was handed over',
      { code: 'ECONNECTION', message: 'Connection closed', handedOver: true },
      'interrupted',
    ],
    [
      'a message refused for its content (554 on DATA)',
      { code: 'EMESSAGE', responseCode: 554, command: 'DATA', message: '554 spam' },
      'other',
    ],
    ['anything else', { code: 'EUNKNOWN', message: 'something unforeseen' }, 'other'],
  ] as const)('%s', (_what, f, kind) => {
    expect(smtpFailureKind(failure(f))).toBe(kind);
  });
});

describe('sendErrorKind', () => {
  it('reads a returned message as bounced, whatever the address', () => {
    expect(sendErrorKind(bounceError('marie@example.fr'))).toBe('bounced');
    expect(sendErrorKind(bounceError('l’adresse'))).toBe('bounced');
  });

  it('names the cause of the mail library’s technical texts', () => {
    expect(sendErrorKind('Serveur d’envoi smtp.exemple.fr:587 injoignable : getaddrinfo ENOTFOUND smtp.exemple.fr.')).toBe(
      'host_not_found',
    );
    expect(sendErrorKind('Serveur d’envoi 127.0.0.1:2 injoignable : connect ECONNREFUSED 127.0.0.1:2.')).toBe('connection_refused');
    expect(sendErrorKind('Le serveur d’envoi smtp.exemple.fr:587 ne répond pas (délai dépassé).')).toBe('timeout');
    expect(sendErrorKind('Identifiant ou mot de passe refusé par le serveur d’envoi x (535 5.7.8).')).toBe('auth');
    expect(sendErrorKind('Échec de l’envoi par x : self-signed certificate in certificate chain.')).toBe('tls');
    expect(sendErrorKind('Adresse refusée par le serveur d’envoi : a@b.fr (550 no such user).')).toBe('recipient_refused');
    expect(sendErrorKind('Adresse d’expéditeur refusée par le serveur d’envoi (553).')).toBe('sender_refused');
    expect(sendErrorKind('Le serveur d’envoi demande de réessayer plus tard (421).')).toBe('try_later');
    expect(sendErrorKind('Envoi annulé par vous depuis la boîte d’envoi.')).toBe('cancelled');
    expect(sendErrorKind('Client désinscrit (« ne plus contacter ») : message non envoyé.')).toBe('opted_out');
    expect(sendErrorKind('Envoi interrompu : le serveur de messagerie a peut-être reçu ce message.')).toBe('interrupted');
    expect(sendErrorKind('Aucun serveur d’envoi n’est configuré : renseignez les réglages d’envoi.')).toBe('no_settings');
  });

  it('keeps an unknown text as « other », and no text as no cause', () => {
    expect(sendErrorKind('quelque chose d’imprévu')).toBe('other');
    expect(sendErrorKind(null)).toBeNull();
    expect(sendErrorKind('  ')).toBeNull();
  });
});
