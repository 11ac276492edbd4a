import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { paths } from '../../../lib/router';
import { ErrorMessage } from '../../../ui/messages';
import { useCadence } from '../api/get-cadence';
import { setDoNotContact } from '../api/set-do-not-contact';

/** « Ne plus contacter » and where the cadence stands: last contact, when a new follow-up is fine. */
export function FollowUpStatusPanel({ clientId }: { clientId: number }) {
  const { t, tn, date } = useI18n();
  const id = useId();
  const { data } = useCadence(clientId);
  const toggle = useMutation(setDoNotContact);
  // Checked at once; kept until the cadence read again says the same (a refused change puts the
  // box back at once). Dropped on the answer alone, the box flickered back until that read came.
  const [pending, setPending] = useState<boolean | null>(null);
  const optedOut = data?.optedOut;
  useEffect(() => {
    if (pending !== null && optedOut === pending) setPending(null);
  }, [optedOut, pending]);
  if (!data) return null;
  const change = async (value: boolean) => {
    setPending(value);
    if ((await toggle.run({ clientId, value })) === undefined) setPending(null);
  };
  return (
    <section className="panel" aria-labelledby="follow-up-status">
      <h2 id="follow-up-status">{t('cadence.title')}</h2>
      <ul className="reasons">
        <li>
          {data.lastContact
            ? t('cadence.last', { date: date(data.lastContact) })
            : data.toConfirm === 0
              ? t('cadence.never')
              : t('cadence.noneSent')}
        </li>
        {data.toConfirm > 0 && data.lastToConfirm ? (
          <li>{tn('cadence.toConfirm', data.toConfirm, { date: date(data.lastToConfirm) })}</li>
        ) : null}
        {data.blocked === 'in_outbox' ? (
          <li>
            {t('cadence.inOutbox')} <a href={paths.outbox}>{t('outbox.open')}</a>
          </li>
        ) : null}
        {data.blocked === 'recent_follow_up' && data.allowedFrom ? (
          <li>{t('cadence.allowedFrom', { date: date(data.allowedFrom) })}</li>
        ) : null}
        {data.nextGentleReminder ? <li>{t('cadence.gentle', { date: date(data.nextGentleReminder) })}</li> : null}
      </ul>
      <label className="radio" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={pending ?? data.optedOut}
          disabled={toggle.pending}
          onChange={(e) => void change(e.target.checked)}
        />
        {t('cadence.doNotContact')}
      </label>
      <p className="hint">{(pending ?? data.optedOut) ? t('cadence.optedOut') : t('cadence.doNotContactHint')}</p>
      <ErrorMessage error={toggle.error} />
    </section>
  );
}
