import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { requiredText, useFieldError } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { navigate, paths } from '../../../lib/router';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { createClient } from '../api/create-client';

const newClientSchema = z.object({ name: requiredText(200) });

/** A client added by hand (a prospect met at a gig), then opened on its page. */
export function NewClientForm() {
  const { t } = useI18n();
  const fieldError = useFieldError();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({ resolver: zodResolver(newClientSchema), defaultValues: { name: '' } });
  const mutation = useMutation(createClient);
  const submit = handleSubmit(async (values) => {
    const client = await mutation.run(values);
    if (client) navigate(paths.client(client.id));
  });
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField label={t('directory.newClient')} {...register('name')} error={fieldError(errors.name)} required maxLength={200} />
      <button type="submit" className="button primary" disabled={mutation.pending}>
        {t('directory.create')}
      </button>
      <ErrorMessage error={mutation.error} />
    </form>
  );
}
