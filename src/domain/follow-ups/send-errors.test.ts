import { describe, expect, it } from 'vitest';
import { sendErrorKind } from './send-errors';

describe('sendErrorKind', () => {
  it('names the cause of the mail library’s technical texts', () => {
    expect(sendErrorKind('Serveur d’envoi smtp.exemple.fr:587 injoignable : getaddrinfo ENOTFOUND smtp.exemple.fr.')).toBe('host_not_found');
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
