import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { saveMailSettings, testMailSettings, useMailSettings, type MailSettings, type MailTestResult } from '../api/mail-settings';
import { SendError } from './send-error';

/** The SMTP server « Envoyer » goes through; the password is written, never shown back. */
export function MailSettingsPanel() {
  const { data, error, loading } = useMailSettings();
  return (
    <>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <MailSettingsForm settings={data} /> : null}
    </>
  );
}

function MailSettingsForm({ settings }: { settings: MailSettings }) {
  const { t } = useI18n();
  const [host, setHost] = useState(settings.host);
  const [port, setPort] = useState(String(settings.port));
  const [secure, setSecure] = useState(settings.secure);
  const [username, setUsername] = useState(settings.username);
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [fromName, setFromName] = useState(settings.fromName);
  const [fromAddress, setFromAddress] = useState(settings.fromAddress);
  const [testTo, setTestTo] = useState('');
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<MailTestResult | null>(null);
  const save = useMutation(saveMailSettings);
  const sendTest = useMutation(testMailSettings);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await save.run({
      host: host.trim(),
      port: Number(port),
      secure,
      username: username.trim() || null,
      ...(removePassword ? { password: null } : password ? { password } : {}),
      fromName,
      fromAddress: fromAddress.trim(),
    });
    if (r) {
      setSaved(true);
      setPassword('');
      setRemovePassword(false);
    }
  };
  const runTest = async () => {
    setTest(null);
    const r = await sendTest.run(testTo.trim() || undefined);
    if (r) setTest(r);
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('mail.title')}>
      <p className="hint">{t('mail.hint')}</p>
      <div className="grid-2">
        <TextField label={t('mail.host')} value={host} onChange={(e) => setHost(e.target.value)} required placeholder="smtp.example.com" autoComplete="off" />
        <TextField label={t('mail.port')} type="number" inputMode="numeric" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} required />
      </div>
      <label className="radio">
        <input type="checkbox" checked={secure} onChange={(e) => setSecure(e.target.checked)} />
        {t('mail.secure')}
      </label>
      <div className="grid-2">
        <TextField label={t('mail.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        <TextField
          label={t('mail.password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          disabled={removePassword}
          hint={settings.hasPassword ? t('mail.passwordStored') : t('mail.passwordNone')}
        />
      </div>
      {settings.hasPassword ? (
        <label className="radio">
          <input type="checkbox" checked={removePassword} onChange={(e) => setRemovePassword(e.target.checked)} />
          {t('mail.removePassword')}
        </label>
      ) : null}
      <div className="grid-2">
        <TextField label={t('mail.fromName')} value={fromName} onChange={(e) => setFromName(e.target.value)} />
        <TextField label={t('mail.fromAddress')} type="email" value={fromAddress} onChange={(e) => setFromAddress(e.target.value)} required />
      </div>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.pending}>
          {t('mail.save')}
        </button>
        {saved ? (
          <span role="status" className="ok-text">
            {t('mail.saved')}
          </span>
        ) : null}
      </div>
      {settings.configured ? (
        <fieldset>
          <legend>{t('mail.test')}</legend>
          <TextField label={t('mail.testTo')} type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} placeholder={settings.fromAddress} />
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
    </form>
  );
}
