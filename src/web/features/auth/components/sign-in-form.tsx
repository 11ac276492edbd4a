import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { requiredText, useFieldError } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { PageTitle } from '../../../ui/page-title';
import type { Session } from '../api/get-me';
import { signIn } from '../api/sign-in';

const signInFormSchema = z.object({ email: requiredText(254), password: z.string().min(1, 'form.required').max(1000, 'form.tooLong') });

export function SignInForm({ onDone }: { onDone: (session: Session) => void }) {
  const { t } = useI18n();
  const fieldError = useFieldError();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({ resolver: zodResolver(signInFormSchema), defaultValues: { email: '', password: '' } });
  const mutation = useMutation(signIn);
  const submit = handleSubmit(async (values) => {
    const session = await mutation.run(values);
    if (session) onDone(session);
  });
  return (
    <div className="auth-card">
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
        <TextField
          label={t('auth.email')}
          type="email"
          {...register('email')}
          error={fieldError(errors.email)}
          required
          autoComplete="username"
        />
        <TextField
          label={t('auth.password')}
          type="password"
          {...register('password')}
          error={fieldError(errors.password)}
          required
          autoComplete="current-password"
        />
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button primary" disabled={mutation.pending}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
