import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { PageTitle } from '../../../ui/page-title';
import type { Session } from '../api/get-me';
import { signIn } from '../api/sign-in';

export function SignInForm({ onDone }: { onDone: (session: Session) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation(signIn);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = await mutation.run({ email, password });
    if (session) onDone(session);
  };
  return (
    <div className="auth-card">
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <TextField label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="username" />
        <TextField label={t('auth.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button primary" disabled={mutation.pending}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
