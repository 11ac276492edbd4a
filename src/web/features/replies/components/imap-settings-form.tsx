/**
 * Réglages → Boîte de réception: the IMAP server whose replies mark follow-ups "answered". Written
 * with react-hook-form and the zod resolver over the contract's own schema; the password is
 * written, never shown back. The watcher's state (last check, last error in words) is shown.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { imapSettingsInputSchema, type ImapFailureJson, type ImapSettingsView, type ImapTestResult } from '../../../../contracts/replies';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { removeImapSettings, saveImapSettings, testImapSettings, useImapSettings } from '../api/replies';

/** The form's fields: the contract's, with the port as typed and the password's removal as a box. */
const formSchema = imapSettingsInputSchema.omit({ password: true, port: true }).extend({
  port: z.coerce.number<string>().int().min(1).max(65535),
  password: z.string().max(1000),
  removePassword: z.boolean(),
});
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

/** Presets of the README's table (app passwords for Gmail and Outlook). */
const PRESETS = [
  { key: 'gmail', host: 'imap.gmail.com' },
  { key: 'ovh', host: 'ssl0.ovh.net' },
  { key: 'outlook', host: 'outlook.office365.com' },
] as const;

export function ImapSettingsPanel() {
  const { data, error, loading } = useImapSettings();
  // Here, not in the form: the first save makes the mailbox configured, which draws the form anew.
  const [saved, setSaved] = useState(false);
  return (
    <>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <ImapSettingsForm key={String(data.configured)} settings={data} saved={saved} setSaved={setSaved} /> : null}
    </>
  );
}

function ImapSettingsForm({
  settings,
  saved,
  setSaved,
}: {
  settings: ImapSettingsView;
  saved: boolean;
  setSaved: (saved: boolean) => void;
}) {
  const { t, dateTime } = useI18n();
  const [test, setTest] = useState<ImapTestResult | null>(null);
  const save = useMutation(saveImapSettings);
  const remove = useMutation(removeImapSettings);
  const runTest = useMutation(testImapSettings);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      host: settings.host,
      port: String(settings.port),
      secure: settings.secure,
      username: settings.username,
      password: '',
      removePassword: false,
      folder: settings.folder,
    },
  });
  const { register, handleSubmit, setValue, formState } = form;
  const submit = handleSubmit(async ({ removePassword, password, ...values }) => {
    setSaved(false);
    const r = await save.run({ ...values, ...(removePassword ? { password: null } : password ? { password } : {}) });
    if (r) {
      setSaved(true);
      setValue('password', '');
      setValue('removePassword', false);
    }
  });
  const fieldError = (name: keyof FormInput) => {
    const e = formState.errors[name];
    return e ? <span className="error-text">{t('inbox.invalidField')}</span> : undefined;
  };
  const state = settings.state;
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('inbox.title')} noValidate>
      <p className="hint">{t('inbox.hint')}</p>
      <div className="actions" role="group" aria-label={t('inbox.presets')}>
        {PRESETS.map((p) => (
          <button
            key={p.key}
            type="button"
            className="button"
            onClick={() => {
              setValue('host', p.host);
              setValue('port', '993');
              setValue('secure', true);
            }}
          >
            {t(`inbox.preset.${p.key}`)}
          </button>
        ))}
      </div>
      <div className="grid-2">
        <TextField
          label={t('inbox.host')}
          {...register('host')}
          required
          placeholder="imap.example.com"
          autoComplete="off"
          hint={fieldError('host')}
        />
        <TextField label={t('inbox.port')} type="number" inputMode="numeric" {...register('port')} required hint={fieldError('port')} />
      </div>
      <label className="radio">
        <input type="checkbox" {...register('secure')} />
        {t('inbox.secure')}
      </label>
      <div className="grid-2">
        <TextField label={t('inbox.username')} {...register('username')} required autoComplete="off" hint={fieldError('username')} />
        <TextField
          label={t('inbox.password')}
          type="password"
          {...register('password')}
          autoComplete="new-password"
          hint={settings.hasPassword ? t('mail.passwordStored') : t('mail.passwordNone')}
        />
      </div>
      {settings.hasPassword ? (
        <label className="radio">
          <input type="checkbox" {...register('removePassword')} />
          {t('mail.removePassword')}
        </label>
      ) : null}
      <TextField label={t('inbox.folder')} {...register('folder')} hint={fieldError('folder') ?? t('inbox.folderHint')} />
      <p className="hint">{t('inbox.readOnly')}</p>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.pending}>
          {t('inbox.save')}
        </button>
        {saved ? (
          <span role="status" className="ok-text">
            {t('inbox.saved')}
          </span>
        ) : null}
      </div>
      {settings.configured ? (
        <>
          <dl className="facts" aria-label={t('inbox.state')}>
            <dt>{t('inbox.lastSuccess')}</dt>
            <dd>{state.lastSuccessAt ? dateTime(state.lastSuccessAt) : t('inbox.never')}</dd>
            {state.lastError ? (
              <>
                <dt>{t('inbox.lastFailure', { at: state.lastCheckAt ? dateTime(state.lastCheckAt) : '' })}</dt>
                <dd className="error-text">
                  <ImapFailure failure={state.lastError} />
                </dd>
              </>
            ) : null}
          </dl>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={runTest.pending}
              onClick={() =>
                void (async () => {
                  setTest(null);
                  const r = await runTest.run(undefined);
                  if (r) setTest(r);
                })()
              }
            >
              {t('inbox.test')}
            </button>
            <button type="button" className="button danger" disabled={remove.pending} onClick={() => void remove.run(undefined)}>
              {t('inbox.remove')}
            </button>
          </div>
          <div role="status">
            {test?.ok === true ? (
              <p className="alert ok">{t('inbox.testOk', { folder: test.folder, count: String(test.messages) })}</p>
            ) : null}
            {test?.ok === false ? (
              <div className="alert error">
                <ImapFailure failure={test.error} words={(error) => t('inbox.testFailed', { error })} />
              </div>
            ) : null}
          </div>
          <ErrorMessage error={runTest.error ?? remove.error} />
        </>
      ) : null}
    </form>
  );
}

/** Why the mailbox could not be read, in words; the server's own text one click away, as for sending (SendError). */
function ImapFailure({ failure, words = (error) => error }: { failure: ImapFailureJson; words?: (error: string) => string }) {
  const { t } = useI18n();
  return (
    <>
      <p>{words(t(`inbox.failure.${failure.kind}`))}</p>
      {failure.detail ? (
        <details>
          <summary>{t('outbox.detail')}</summary>
          <p className="technical">{failure.detail}</p>
        </details>
      ) : null}
    </>
  );
}
