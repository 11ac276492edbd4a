import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Client } from '../../../../contracts/clients';
import { optionalText, requiredText, useFieldError } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { updateClient } from '../api/update-client';
import { ContactLinks } from './contact-links';

const FIELDS = ['name', 'contact', 'email', 'phone', 'city', 'category'] as const;
type ContactField = (typeof FIELDS)[number];
/** An e-mail address that is not one is kept as text (and flagged on the card), so it is not refused here. */
const contactFormSchema = z.object({
  name: requiredText(200),
  contact: optionalText(200),
  email: optionalText(254),
  phone: optionalText(100),
  city: optionalText(200),
  category: optionalText(200),
});

/** Contact details with their call / e-mail / WhatsApp links, editable in place. */
export function ContactCard({ client }: { client: Client }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const fieldError = useFieldError();
  const form = useForm({ resolver: zodResolver(contactFormSchema), defaultValues: toValues(client) });
  const { errors } = form.formState;
  const mutation = useMutation(updateClient);
  const start = () => {
    form.reset(toValues(client));
    mutation.reset();
    setEditing(true);
  };
  const submit = form.handleSubmit(async (values) => {
    const saved = await mutation.run({ id: client.id, ...values });
    if (saved) setEditing(false);
  });
  return (
    <section className="panel" aria-labelledby="contact">
      <div className="panel-head">
        <h2 id="contact">{t('contact.title')}</h2>
        {editing ? null : (
          <button type="button" className="button" onClick={start}>
            {t('contact.edit')}
          </button>
        )}
      </div>
      {editing ? (
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          {FIELDS.map((f) => (
            <TextField
              key={f}
              label={t(`contact.field.${f}`)}
              type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
              {...form.register(f)}
              error={fieldError(errors[f])}
              required={f === 'name'}
            />
          ))}
          <ErrorMessage error={mutation.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={mutation.pending}>
              {t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="details">
            {FIELDS.filter((f) => f !== 'name').map((f) => (
              <div key={f}>
                <dt>{t(`contact.field.${f}`)}</dt>
                <dd>{client[f] || '—'}</dd>
              </div>
            ))}
          </dl>
          <ContactLinks client={client} />
        </>
      )}
    </section>
  );
}

function toValues(c: Client): Record<ContactField, string> {
  return {
    name: c.name,
    contact: c.contact ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    city: c.city ?? '',
    category: c.category ?? '',
  };
}
