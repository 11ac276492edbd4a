import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { paths } from '../../../lib/router';
import { ErrorMessage } from '../../../ui/messages';
import { cancelOutboxMessage, retryOutboxMessage } from '../api/outbox-page';
import { resolveOutbox } from '../api/resolve-outbox';
import type { OutboxMessage } from '../../../../contracts/outbox';
import { SendError } from './send-error';

/** Queued with attempts behind it: waiting for its next try. */
export function isRetrying(m: OutboxMessage): boolean {
  return m.state === 'queued' && m.attempts > 0;
}

/**
 * One e-mail of the outbox: to whom, its state in words, why it did not go, and what may be done —
 * cancel one waiting or uncertain, try again one failed or cancelled, decide on an uncertain one.
 */
export function OutboxRow({ message: m, onChanged }: { message: OutboxMessage; onChanged: () => void }) {
  const { t, dateTime } = useI18n();
  const resolve = useMutation(resolveOutbox);
  const cancel = useMutation(cancelOutboxMessage);
  const retry = useMutation(retryOutboxMessage);
  const busy = resolve.pending || cancel.pending || retry.pending;
  const after = async (done: Promise<unknown>) => {
    if (await done) onChanged();
  };
  const retrying = isRetrying(m);
  const stateClass = retrying ? 'retrying' : m.state;
  return (
    <li className="card outbox-row" data-testid="outbox-row">
      <div className="card-head">
        <strong>
          <a href={paths.client(m.clientId)}>{m.client}</a>
        </strong>
        <span className={`state ${stateClass}`} data-testid="outbox-state">
          {retrying ? t('outbox.state.retrying') : t(`outbox.state.${m.state}`)}
        </span>
      </div>
      <p className="muted outbox-address">
        {m.to} · {m.subject}
      </p>
      <p className="muted" data-testid="outbox-queued-at">
        {t('outbox.queuedAt', { at: dateTime(m.queuedAt) })}
      </p>
      {retrying && m.nextAttemptAt ? (
        <p className="muted">{t('outbox.retryAt', { at: dateTime(m.nextAttemptAt), attempts: m.attempts })}</p>
      ) : null}
      {m.state === 'sent' && m.sentAt ? <p className="muted">{dateTime(m.sentAt)}</p> : null}
      <SendError kind={m.errorKind} error={m.error} tone={m.state === 'failed' ? 'error' : m.state === 'cancelled' ? 'muted' : 'warn'} />
      {m.state === 'uncertain' ? <p className="hint">{t('outbox.uncertainHint')}</p> : null}
      <div className="actions">
        {m.state === 'uncertain' ? (
          <>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void after(resolve.run({ id: m.id, decision: 'resend' }))}
            >
              {t('outbox.resend')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void after(resolve.run({ id: m.id, decision: 'mark_sent' }))}
            >
              {t('outbox.markSent')}
            </button>
          </>
        ) : null}
        {m.state === 'queued' || m.state === 'uncertain' ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('outbox.cancelFor', { name: m.client })}
            onClick={() => void after(cancel.run(m.id))}
          >
            {t('outbox.cancel')}
          </button>
        ) : null}
        {m.state === 'failed' || m.state === 'cancelled' ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('outbox.retryFor', { name: m.client })}
            onClick={() => void after(retry.run(m.id))}
          >
            {t('outbox.retry')}
          </button>
        ) : null}
      </div>
      <ErrorMessage error={resolve.error ?? cancel.error ?? retry.error} />
    </li>
  );
}
