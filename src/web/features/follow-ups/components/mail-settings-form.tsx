import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { emailText, optionalText, requiredText, useFieldError, wholeNumberText } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { ConfirmButton } from '../../../ui/confirm-button';
import { TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import {
  deleteMailSettings,
  saveMailSettings,
  testMailSettings,
  useMailSettings,
  type MailSettings,
  type MailTestResult,
} from '../api/mail-settings';
import { SendError } from './send-error';

/** The SMTP server « Envoyer » goes through; the password is written, never shown back. */
export function MailSettingsPanel() {
  const { data, error, loading } = useMailSettings();
  // Kept here: the form starts again from the server's values once they are saved or deleted.
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <MailSettingsForm key={String(data.configured)} settings={data} notice={notice} onNotice={setNotice} /> : null}
    </>
  );
}

const mailFormSchema = z.object({
  host: requiredText(255),
  port: wholeNumberText(1, 65535),
  secure: z.boolean(),
  username: optionalText(255),
  // Left out of the values while « remove the password » disables its field.
  password: optionalText(1000).optional(),
  removePassword: z.boolean(),
  fromName: optionalText(200),
  fromAddress: emailText.pipe(z.string().max(254, 'form.tooLong')),
});
type MailForm = z.input<typeof mailFormSchema>;

function toForm(settings: MailSettings): MailForm {
  const { host, secure, username, fromName, fromAddress } = settings;
  return { host, port: String(settings.port), secure, username, password: '', removePassword: false, fromName, fromAddress };
}

type Notice = 'mail.saved' | 'mail.removed' | null;

function MailSettingsForm({ settings, notice, onNotice }: { settings: MailSettings; notice: Notice; onNotice: (notice: Notice) => void }) {
  const { t } = useI18n();
  const fieldError = useFieldError();
  const form = useForm({ resolver: zodResolver(mailFormSchema), defaultValues: toForm(settings) });
  const {
    register,
    formState: { errors },
  } = form;
  const removePassword = form.watch('removePassword');
  const [testTo, setTestTo] = useState('');
  const [test, setTest] = useState<MailTestResult | null>(null);
  const save = useMutation(saveMailSettings);
  const sendTest = useMutation(testMailSettings);
  const remove = useMutation(deleteMailSettings);
  const submit = form.handleSubmit(async (values) => {
    onNotice(null);
    const r = await save.run({
      host: values.host,
      port: values.port,
      secure: values.secure,
      username: values.username.trim() || null,
      ...(values.removePassword ? { password: null } : values.password ? { password: values.password } : {}),
      fromName: values.fromName,
      fromAddress: values.fromAddress,
    });
    if (r) {
      onNotice('mail.saved');
      form.reset(toForm(r));
    }
  });
  const runTest = async () => {
    setTest(null);
    const r = await sendTest.run(testTo.trim() || undefined);
    if (r) setTest(r);
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('mail.title')} noValidate>
      <p className="hint">{t('mail.hint')}</p>
      <div className="grid-2">
        <TextField
          label={t('mail.host')}
          {...register('host')}
          error={fieldError(errors.host)}
          required
          placeholder="smtp.example.com"
          autoComplete="off"
        />
        <TextField
          label={t('mail.port')}
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          {...register('port')}
          error={fieldError(errors.port)}
          required
        />
      </div>
      <label className="radio">
        <input type="checkbox" {...register('secure')} />
        {t('mail.secure')}
      </label>
      <div className="grid-2">
        <TextField label={t('mail.username')} {...register('username')} error={fieldError(errors.username)} autoComplete="off" />
        <TextField
          label={t('mail.password')}
          type="password"
          {...register('password')}
          error={fieldError(errors.password)}
          autoComplete="new-password"
          disabled={removePassword}
          hint={settings.hasPassword ? t('mail.passwordStored') : t('mail.passwordNone')}
        />
      </div>
      {settings.hasPassword ? (
        <label className="radio">
          <input type="checkbox" {...register('removePassword')} />
          {t('mail.removePassword')}
        </label>
      ) : null}
      <div className="grid-2">
        <TextField label={t('mail.fromName')} {...register('fromName')} error={fieldError(errors.fromName)} />
        <TextField
          label={t('mail.fromAddress')}
          type="email"
          {...register('fromAddress')}
          error={fieldError(errors.fromAddress)}
          required
        />
      </div>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.pending}>
          {t('mail.save')}
        </button>
        <span role="status" className="ok-text">
          {notice ? t(notice) : null}
        </span>
      </div>
      {settings.configured ? (
        <fieldset>
          <legend>{t('mail.test')}</legend>
          <TextField
            label={t('mail.testTo')}
            type="email"
            value={testTo}
            onChange={(e) => setTestTo(e.target.value)}
            placeholder={settings.fromAddress}
          />
          <div>
            <button type="button" className="button" disabled={sendTest.pending} onClick={() => void runTest()}>
              {sendTest.pending ? t('generator.sending') : t('mail.sendTest')}
            </button>
          </div>
          <div role="status">
            {test?.ok === true ? <p className="alert ok">{t('mail.testOk', { to: test.to })}</p> : null}
            {test?.ok === false ? (
              <>
                <p className="alert error">{t('mail.testFailed', { to: test.to })}</p>
                <SendError kind={test.errorKind} error={test.error} />
              </>
            ) : null}
          </div>
          <ErrorMessage error={sendTest.error} />
        </fieldset>
      ) : null}
      {settings.configured ? (
        <div className="actions">
          <ConfirmButton
            label={t('mail.remove')}
            confirmLabel={t('mail.confirmRemove')}
            pending={remove.pending}
            onConfirm={async () => {
              onNotice(null);
              if (await remove.run(undefined)) onNotice('mail.removed');
            }}
          />
          <ErrorMessage error={remove.error} />
        </div>
      ) : null}
    </form>
  );
}
