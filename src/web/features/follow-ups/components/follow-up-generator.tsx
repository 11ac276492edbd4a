import { useEffect, useId, useRef, useState } from 'react';
import type { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { paths } from '../../../lib/router';
import { SelectField, TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { confirmFollowUp, discardFollowUp } from '../api/confirm-follow-up';
import { downloadEml } from '../api/download-eml';
import { useDraft } from '../api/get-draft';
import { useMailSettings } from '../api/mail-settings';
import { recordFollowUp } from '../api/record-follow-up';
import { TEMPLATE_KEYS, type Draft, type MessageInput, type TemplateKey } from '../../../../contracts/follow-ups';
import { sendFollowUp, type SendResult } from '../api/send-follow-up';
import { Figure } from '../../../ui/figure';
import { isEmailAddress, mailtoLink } from '../../../../domain/email';
import { SendError } from './send-error';

/** One key per opened generator: a double click on « Envoyer » or a retry never sends twice. */
function newKey(): string {
  return `gen-${crypto.randomUUID()}`;
}

interface Refusal {
  reason: string;
  lastContact?: string;
  allowedFrom?: string;
}

function refusalOf(error: ApiError | null): Refusal | null {
  if (!error || error.code !== 'conflict') return null;
  const { reason, lastContact, allowedFrom } = error.details;
  if (typeof reason !== 'string') return null;
  return {
    reason,
    ...(typeof lastContact === 'string' ? { lastContact } : {}),
    ...(typeof allowedFrom === 'string' ? { allowedFrom } : {}),
  };
}

/**
 * The e-mail generator of Contacter / Relancer / Rappel doux: the client's figures, the template
 * of its segment (switchable), subject and body to edit, then copy, mail program, .eml or send.
 * Every way out records the follow-up; the cadence and « ne plus contacter » are said before.
 */
export function FollowUpGenerator({ clientId }: { clientId: number }) {
  const [template, setTemplate] = useState<TemplateKey | undefined>(undefined);
  const { data, error } = useDraft(clientId, template);
  // The last draft stays on screen while another template loads: the form (and the focus in its
  // select) is not torn down on a switch.
  const [shown, setShown] = useState<Draft | null>(null);
  const [text, setText] = useState<{ template: TemplateKey; subject: string; body: string } | null>(null);
  useEffect(() => {
    if (!data) return;
    setShown(data);
    // A new template brings its own text; a refetch of the same one (after a send) keeps the edits.
    setText((current) =>
      current === null || current.template !== data.template
        ? { template: data.template, subject: data.subject, body: data.body }
        : current,
    );
  }, [data]);
  if (error && !shown) return <ErrorMessage error={error} />;
  if (!shown || !text) return <Loading />;
  return <GeneratorForm draft={shown} text={text} onText={setText} selected={template ?? text.template} onTemplate={setTemplate} />;
}

interface FormProps {
  draft: Draft;
  text: { template: TemplateKey; subject: string; body: string };
  onText: (text: { template: TemplateKey; subject: string; body: string }) => void;
  selected: TemplateKey;
  onTemplate: (key: TemplateKey) => void;
}

function GeneratorForm({ draft, text, onText, selected, onTemplate }: FormProps) {
  const i18n = useI18n();
  const { t, number, money, date, elapsed } = i18n;
  const { client, cadence } = draft;
  /** The client's e-mail when it is an address: an imported `a@x?bcc=…` is shown, never written to. */
  const address = client.email && isEmailAddress(client.email.trim()) ? client.email.trim() : null;
  const mail = useMailSettings();
  const [force, setForce] = useState(false);
  const [key, setKey] = useState(newKey);
  const [pendingConfirm, setPendingConfirm] = useState<{ id: number; channel: string } | null>(null);
  // The follow-up this generator recorded first: Copier, then the mail program, then .eml update it.
  const [recorded, setRecorded] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [sent, setSent] = useState<SendResult | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const forceId = useId();
  const record = useMutation(recordFollowUp);
  const eml = useMutation(downloadEml);
  const send = useMutation(sendFollowUp);
  const confirm = useMutation(confirmFollowUp);
  const discard = useMutation(discardFollowUp);
  const anyError = send.error ?? record.error ?? eml.error ?? confirm.error ?? discard.error;
  const refusal = refusalOf(anyError);
  const recent = cadence.blocked === 'recent_follow_up' || refusal?.reason === 'recent_follow_up';
  const optedOut = cadence.optedOut || refusal?.reason === 'opted_out';
  const inOutbox = !optedOut && (cadence.blocked === 'in_outbox' || refusal?.reason === 'in_outbox');
  const lastContact = refusal?.lastContact ?? cadence.lastContact;
  const allowedFrom = refusal?.allowedFrom ?? cadence.allowedFrom;
  const blocked = optedOut || inOutbox || (recent && !force);
  const busy = record.pending || eml.pending || send.pending;
  const mailConfigured = mail.data?.configured === true;
  const message: MessageInput = {
    clientId: client.clientId,
    subject: text.subject,
    body: text.body,
    template: text.template,
    ...(force ? { force: true } : {}),
  };
  const outside: MessageInput = recorded === null ? message : { ...message, followUpId: recorded };

  useEffect(() => {
    if (pendingConfirm) confirmRef.current?.focus();
  }, [pendingConfirm]);

  const toConfirm = (id: number | null, channel: string) => {
    setSent(null);
    setDone(null);
    if (id !== null) {
      setRecorded(id);
      setPendingConfirm({ id, channel });
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${text.subject}\n\n${text.body}`);
    } catch {
      setDone(t('generator.copyFailed'));
      return;
    }
    const f = await record.run({ ...outside, channel: 'copied' });
    if (f) toConfirm(f.id, 'copied');
  };
  const openMail = async () => {
    const f = await record.run({ ...outside, channel: 'mailto' });
    if (f) toConfirm(f.id, 'mailto');
  };
  const downloadFile = async () => {
    const r = await eml.run(outside);
    if (r) toConfirm(r.followUpId, 'eml');
  };
  const sendNow = async () => {
    setPendingConfirm(null);
    setDone(null);
    const r = await send.run({ ...message, idempotencyKey: key });
    if (r) {
      setSent(r);
      // A refused delivery may be tried again with the text fixed: a new key for the new attempt.
      if (r.message?.state === 'failed') setKey(newKey());
    }
  };
  const confirmSent = async () => {
    if (!pendingConfirm) return;
    if (await confirm.run(pendingConfirm.id)) {
      setPendingConfirm(null);
      setDone(t('generator.confirmed'));
    }
  };
  const notSent = async () => {
    if (!pendingConfirm) return;
    if (await discard.run(pendingConfirm.id)) {
      setPendingConfirm(null);
      setRecorded(null);
      setDone(t('generator.discarded'));
    }
  };

  return (
    <div className="generator">
      <dl className="figures generator-figures" data-testid="generator-figures">
        <Figure term={t('client.gigs')}>{number(client.gigs)}</Figure>
        <Figure term={t('client.revenue')}>{money(client.revenue)}</Figure>
        <Figure term={t('client.lastGig')}>{client.lastDate ? date(client.lastDate) : '—'}</Figure>
        <Figure term={t('client.daysInactive')}>
          {client.daysInactive === null ? '—' : number(client.daysInactive)}
          {client.daysInactive === null ? null : <span className="elapsed">{elapsed(client.daysInactive)}</span>}
        </Figure>
      </dl>

      {optedOut ? (
        <p className="alert error" role="alert">
          {t('generator.optedOut')}
        </p>
      ) : null}
      {cadence.emailFailingSince ? (
        <p className="alert warn" data-testid="email-failing">
          {t('generator.emailFailing', { date: date(cadence.emailFailingSince) })}
        </p>
      ) : null}
      {inOutbox ? (
        <p className="alert warn" role={refusal ? 'alert' : undefined}>
          {t('generator.inOutbox')} <a href={paths.outbox}>{t('outbox.open')}</a>
        </p>
      ) : null}
      {!optedOut && !inOutbox && recent ? (
        <div className="alert warn" role={refusal ? 'alert' : undefined}>
          <p>
            {lastContact && allowedFrom
              ? t('generator.recent', { last: date(lastContact), from: date(allowedFrom) })
              : t('generator.recentNoDate')}
          </p>
          <label className="radio" htmlFor={forceId}>
            <input id={forceId} type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            {t('generator.force')}
          </label>
        </div>
      ) : null}
      {cadence.nextConfirmedGig ? <p className="alert info">{t('generator.booked')}</p> : null}

      <SelectField
        label={t('generator.template')}
        value={selected}
        onChange={(e) => onTemplate(TEMPLATE_KEYS.find((k) => k === e.target.value) ?? draft.suggestedTemplate)}
        hint={t('generator.suggested', { name: t(`template.${draft.suggestedTemplate}`) })}
      >
        {TEMPLATE_KEYS.map((k) => (
          <option key={k} value={k}>
            {t(`template.${k}`)}
            {k === draft.suggestedTemplate ? ` (${t('generator.auto')})` : ''}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('generator.to')}
        value={client.email ?? ''}
        readOnly
        hint={address ? undefined : client.email ? t('generator.invalidEmail') : t('generator.noEmail')}
      />
      <TextField
        label={t('generator.subject')}
        value={text.subject}
        onChange={(e) => onText({ ...text, subject: e.target.value })}
        required
        maxLength={300}
      />
      <TextAreaField
        label={t('generator.body')}
        value={text.body}
        onChange={(e) => onText({ ...text, body: e.target.value })}
        rows={12}
        required
      />

      <div className="actions generator-actions">
        <button type="button" className="button" disabled={blocked || busy} onClick={() => void copy()}>
          {t('generator.copy')}
        </button>
        {blocked ? (
          <span className="button disabled-link" aria-disabled="true">
            {t('generator.mailto')}
          </span>
        ) : (
          <a className="button" href={mailtoLink(address, { subject: text.subject, body: text.body })} onClick={() => void openMail()}>
            {t('generator.mailto')}
          </a>
        )}
        <button type="button" className="button" disabled={blocked || busy} onClick={() => void downloadFile()}>
          {t('generator.eml')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={blocked || busy || !mailConfigured || !address}
          aria-describedby={!mailConfigured || !address ? 'send-why' : undefined}
          onClick={() => void sendNow()}
        >
          {send.pending ? t('generator.sending') : t('generator.send')}
        </button>
      </div>
      {mail.data && !mailConfigured ? (
        <p id="send-why" className="hint">
          {t('generator.noSmtp')} <a href={paths.mailSettings}>{t('generator.smtpLink')}</a>
        </p>
      ) : !address ? (
        <p id="send-why" className="hint">
          {t(client.email ? 'generator.invalidEmailSend' : 'generator.noEmailSend')}
        </p>
      ) : null}

      {refusal ? null : <ErrorMessage error={anyError} />}
      {refusal && refusal.reason === 'recent_follow_up' && anyError ? <ErrorMessage error={anyError} /> : null}

      <div role="status" className="generator-status">
        {pendingConfirm ? (
          <div className="alert info confirm-box">
            <p>
              {t(
                `generator.recorded.${pendingConfirm.channel === 'eml' ? 'eml' : pendingConfirm.channel === 'mailto' ? 'mailto' : 'copied'}`,
              )}
            </p>
            <div className="actions">
              <button
                ref={confirmRef}
                type="button"
                className="button primary"
                disabled={confirm.pending}
                onClick={() => void confirmSent()}
              >
                {t('generator.confirm')}
              </button>
              <button type="button" className="button" disabled={discard.pending} onClick={() => void notSent()}>
                {t('generator.notSent')}
              </button>
            </div>
          </div>
        ) : null}
        {done ? <p className="alert ok">{done}</p> : null}
        {sent ? <SendOutcome result={sent} /> : null}
      </div>
    </div>
  );
}

function SendOutcome({ result }: { result: SendResult }) {
  const { t, dateTime } = useI18n();
  const m = result.message;
  if (!m) return <p className="alert ok">{t('generator.queued')}</p>;
  const prefix = result.result === 'duplicate' ? `${t('generator.duplicate')} ` : '';
  switch (m.state) {
    case 'sent':
      return <p className="alert ok">{prefix + t('generator.sent', { to: m.to })}</p>;
    case 'failed':
      return (
        <div className="stack-tight">
          {prefix ? <p>{prefix}</p> : null}
          <SendError kind={m.errorKind} error={m.error} />
        </div>
      );
    case 'uncertain':
      return <p className="alert warn">{prefix + t('generator.uncertain')}</p>;
    case 'queued':
    case 'sending':
      return (
        <div className="alert warn">
          <p>
            {prefix +
              t('generator.retrying', {
                error: m.errorKind ? t(`outbox.error.${m.errorKind}`) : (m.error ?? ''),
                at: m.nextAttemptAt ? dateTime(m.nextAttemptAt) : '—',
              })}
          </p>
          <p>
            <a href={paths.outbox}>{t('outbox.open')}</a>
          </p>
        </div>
      );
    case 'cancelled':
      return <p className="alert warn">{prefix + t('outbox.state.cancelled')}</p>;
  }
}
