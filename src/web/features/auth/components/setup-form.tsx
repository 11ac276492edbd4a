import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { PageTitle } from '../../../ui/page-title';
import { createOwner } from '../api/create-owner';
import type { Session } from '../api/get-me';

/** First start: the owner's account; the setup code only when the server listens beyond loopback. */
export function SetupForm({ needsCode, onDone }: { needsCode: boolean; onDone: (session: Session) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState({ name: '', email: '', password: '', code: '' });
  const mutation = useMutation(createOwner);
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = await mutation.run({ name: values.name, email: values.email, password: values.password, ...(needsCode ? { code: values.code } : {}) });
    if (session) onDone(session);
  };
  return (
    <div className="auth-card">
      <PageTitle title={t('setup.title')}>{t('setup.title')}</PageTitle>
      <p>{t('setup.intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <TextField label={t('setup.name')} value={values.name} onChange={set('name')} required autoComplete="name" />
        <TextField label={t('auth.email')} type="email" value={values.email} onChange={set('email')} required autoComplete="email" />
        <TextField
          label={t('auth.password')}
          type="password"
          value={values.password}
          onChange={set('password')}
          required
          minLength={10}
          autoComplete="new-password"
          hint={t('setup.passwordHint')}
        />
        {needsCode ? (
          <TextField label={t('setup.code')} value={values.code} onChange={set('code')} required autoComplete="off" hint={t('setup.codeHint')} />
        ) : null}
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button primary" disabled={mutation.pending}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
