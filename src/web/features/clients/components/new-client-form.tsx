import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { navigate, paths } from '../../../lib/router';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { createClient } from '../api/create-client';

/** A client added by hand (a prospect met at a gig), then opened on its page. */
export function NewClientForm() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const mutation = useMutation(createClient);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const client = await mutation.run({ name });
    if (client) navigate(paths.client(client.id));
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <TextField label={t('directory.newClient')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      <button type="submit" className="button primary" disabled={mutation.pending}>
        {t('directory.create')}
      </button>
      <ErrorMessage error={mutation.error} />
    </form>
  );
}
