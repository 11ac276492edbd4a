import { useEffect } from 'react';
import { useI18n } from '../../../lib/i18n';
import { invalidate } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { paths } from '../../../lib/router';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { useOutboxListing, type OutboxListing } from '../api/outbox-page';
import { OutboxRow } from './outbox-row';

const POLL_MS = 2000;

/**
 * Asked afresh when shown (the sender moves messages without the page knowing), then every 2 s
 * while something waits in the outbox (stops by itself when nothing waits).
 */
function usePollWhilePending(listing: OutboxListing | undefined): void {
  const pending = listing?.attention.pending ?? 0;
  useEffect(() => invalidate(keys.outbox), []);
  useEffect(() => {
    if (pending === 0) return;
    const timer = setInterval(() => invalidate(keys.outbox), POLL_MS);
    return () => clearInterval(timer);
  }, [pending]);
}

/** The outbox page: counts, then every recent message with what may be done with it. */
export function OutboxList() {
  const { t } = useI18n();
  const { data, error, loading } = useOutboxListing();
  usePollWhilePending(data);
  const c = data?.counts;
  return (
    <div className="stack">
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {c ? (
        <p role="status" data-testid="outbox-counts">
          {t('outbox.counts', {
            queued: c.queued + c.sending,
            sent: c.sent,
            failed: c.failed,
            uncertain: c.uncertain,
            cancelled: c.cancelled,
          })}
        </p>
      ) : null}
      {data && data.messages.length === 0 ? <p className="empty">{t('outbox.empty')}</p> : null}
      <ul className="batch-list">
        {(data?.messages ?? []).map((m) => (
          <OutboxRow key={m.id} message={m} onChanged={() => invalidate(keys.outbox)} />
        ))}
      </ul>
    </div>
  );
}

/** On the CRM while e-mails wait or failed this week: how many, and the way to the outbox. */
export function OutboxPanel() {
  const { t, tn } = useI18n();
  const { data } = useOutboxListing();
  usePollWhilePending(data);
  if (!data || (data.attention.pending === 0 && data.attention.failedRecently === 0)) return null;
  return (
    <section className="panel outbox-panel" aria-labelledby="outbox-panel" data-testid="outbox-panel">
      <h2 id="outbox-panel">
        <span aria-hidden="true">📤 </span>
        {t('outbox.panelTitle')}
      </h2>
      {data.attention.pending > 0 ? <p>{tn('outbox.panelPending', data.attention.pending)}</p> : null}
      {data.attention.failedRecently > 0 ? <p className="alert error">{tn('outbox.panelFailed', data.attention.failedRecently)}</p> : null}
      <p>
        <a className="button" href={paths.outbox}>
          {t('outbox.open')}
        </a>
      </p>
    </section>
  );
}
