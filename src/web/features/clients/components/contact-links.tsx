import type { Client } from '../../../../contracts/clients';
import { useI18n } from '../../../lib/i18n';
import { isEmailAddress, mailtoLink, telHref, whatsappHref } from '../utils/contact-links';

/** Call, e-mail and WhatsApp links for whatever contact details the client has. */
export function ContactLinks({ client }: { client: Pick<Client, 'name' | 'email' | 'phone'> }) {
  const { t } = useI18n();
  const whatsapp = client.phone ? whatsappHref(client.phone) : null;
  if (!client.email && !client.phone) return <p className="muted">{t('contact.none')}</p>;
  return (
    <ul className="contact-links">
      {client.phone ? (
        <li>
          <a
            className="button"
            href={telHref(client.phone)}
            aria-label={t('contact.callLabel', { name: client.name, phone: client.phone })}
          >
            <span aria-hidden="true">📞 </span>
            {t('contact.call')}
          </a>
        </li>
      ) : null}
      {client.email && isEmailAddress(client.email.trim()) ? (
        <li>
          <a
            className="button"
            href={mailtoLink(client.email)}
            aria-label={t('contact.mailLabel', { name: client.name, email: client.email })}
          >
            <span aria-hidden="true">✉️ </span>
            {t('contact.mail')}
          </a>
        </li>
      ) : client.email ? (
        <li className="muted">{t('contact.invalidEmail')}</li>
      ) : null}
      {whatsapp ? (
        <li>
          <a
            className="button"
            href={whatsapp}
            target="_blank"
            rel="noreferrer"
            aria-label={t('contact.whatsappLabel', { name: client.name })}
          >
            <span aria-hidden="true">💬 </span>
            WhatsApp
          </a>
        </li>
      ) : null}
    </ul>
  );
}
