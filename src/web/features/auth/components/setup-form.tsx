import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { emailText, requiredText, useFieldError } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { PageTitle } from '../../../ui/page-title';
import { createOwner } from '../api/create-owner';
import type { Session } from '../api/get-me';

const setupFormSchema = z.object({
  name: requiredText(200),
  email: emailText,
  password: z.string().min(10, 'form.passwordLength').max(1000, 'form.tooLong'),
  code: z.string().trim().max(200, 'form.tooLong'),
});

/** First start: the owner's account; the setup code only when the server listens beyond loopback. */
export function SetupForm({ needsCode, onDone }: { needsCode: boolean; onDone: (session: Session) => void }) {
  const { t } = useI18n();
  const fieldError = useFieldError();
  const schema = needsCode ? setupFormSchema.extend({ code: requiredText(200) }) : setupFormSchema;
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({ resolver: zodResolver(schema), defaultValues: { name: '', email: '', password: '', code: '' } });
  const mutation = useMutation(createOwner);
  const submit = handleSubmit(async ({ code, ...values }) => {
    const session = await mutation.run({ ...values, ...(needsCode ? { code } : {}) });
    if (session) onDone(session);
  });
  return (
    <div className="auth-card">
      <PageTitle title={t('setup.title')}>{t('setup.title')}</PageTitle>
      <p>{t('setup.intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
        <TextField label={t('setup.name')} {...register('name')} error={fieldError(errors.name)} required autoComplete="name" />
        <TextField
          label={t('auth.email')}
          type="email"
          {...register('email')}
          error={fieldError(errors.email)}
          required
          autoComplete="email"
        />
        <TextField
          label={t('auth.password')}
          type="password"
          {...register('password')}
          error={fieldError(errors.password)}
          required
          minLength={10}
          autoComplete="new-password"
          hint={t('setup.passwordHint')}
        />
        {needsCode ? (
          <TextField
            label={t('setup.code')}
            {...register('code')}
            error={fieldError(errors.code)}
            required
            autoComplete="off"
            hint={t('setup.codeHint')}
          />
        ) : null}
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button primary" disabled={mutation.pending}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
