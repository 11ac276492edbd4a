import { useId } from 'react';
import type { Gig, Note } from '../../../../contracts/clients';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { confirmFollowUp, discardFollowUp } from '../api/confirm-follow-up';
import { useFollowUps } from '../api/get-follow-ups';
import { FOLLOW_UP_OUTCOMES, followUpOutcomeSchema, type FollowUp } from '../../../../contracts/follow-ups';
import { setOutcome } from '../api/set-outcome';
import { SendError } from './send-error';

type Item =
  | { kind: 'gig'; date: string; order: string; gig: Gig }
  | { kind: 'note'; date: string; order: string; note: Note }
  | { kind: 'followUp'; date: string; order: string; followUp: FollowUp };

/** Gigs, notes and follow-ups of a client in one list, newest first. */
export function ClientTimeline({ clientId, gigs, notes }: { clientId: number; gigs: Gig[]; notes: Note[] }) {
  const { t } = useI18n();
  const { data, error, loading } = useFollowUps(clientId);
  const items: Item[] = [
    ...gigs.map((gig): Item => ({ kind: 'gig', date: gig.date, order: `${gig.date}T12`, gig })),
    ...notes.map((note): Item => ({ kind: 'note', date: note.createdAt.slice(0, 10), order: note.createdAt, note })),
    ...(data?.followUps ?? []).map((followUp): Item => ({
      kind: 'followUp',
      date: followUp.date,
      order: `${followUp.date}T${followUp.createdAt}`,
      followUp,
    })),
  ].sort((a, b) => b.order.localeCompare(a.order));
  return (
    <section className="panel" aria-labelledby="timeline">
      <h2 id="timeline">{t('timeline.title')}</h2>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {items.length === 0 ? <p className="empty">{t('timeline.empty')}</p> : null}
      <ol className="timeline">
        {items.map((item) => (
          <TimelineItem
            key={`${item.kind}-${item.kind === 'gig' ? item.gig.id : item.kind === 'note' ? item.note.id : item.followUp.id}`}
            item={item}
          />
        ))}
      </ol>
    </section>
  );
}

function TimelineItem({ item }: { item: Item }) {
  const { t, date, money } = useI18n();
  switch (item.kind) {
    case 'gig':
      return (
        <li className={`event gig-event ${item.gig.status}`}>
          <span className="event-date">{date(item.date)}</span>
          <span className="event-kind">{t('timeline.gig')}</span>
          <span>
            {[item.gig.type, item.gig.venue, item.gig.city].filter(Boolean).join(' · ') || '—'} — {money(item.gig.amount)} (
            {t(`gigStatus.${item.gig.status}`)})
          </span>
        </li>
      );
    case 'note':
      return (
        <li className="event note-event">
          <span className="event-date">{date(item.date)}</span>
          <span className="event-kind">{t('timeline.note')}</span>
          <span className="event-text">{item.note.text}</span>
        </li>
      );
    case 'followUp':
      return <FollowUpEvent followUp={item.followUp} />;
  }
}

function FollowUpEvent({ followUp: f }: { followUp: FollowUp }) {
  const { t, date } = useI18n();
  const outcomeId = useId();
  const outcome = useMutation(setOutcome);
  const confirm = useMutation(confirmFollowUp);
  const discard = useMutation(discardFollowUp);
  return (
    <li className="event follow-up-event" data-testid="timeline-follow-up">
      <span className="event-date">{date(f.date)}</span>
      <span className="event-kind">{t('timeline.followUp')}</span>
      <div className="stack-tight">
        <p>
          <strong>{f.subject}</strong>
        </p>
        <p className="muted">
          {t(`channel.${f.channel}`)}
          {f.template ? ` · ${t(`template.${f.template}`)}` : ''} ·{' '}
          <span className={`state ${f.status}`}>{t(`followUpStatus.${f.status}`)}</span>
        </p>
        {f.status !== 'sent' ? <SendError kind={f.errorKind} error={f.error} tone={f.status === 'failed' ? 'muted' : 'warn'} /> : null}
        {f.status === 'to_confirm' ? (
          <div className="actions">
            <button type="button" className="button primary" disabled={confirm.pending} onClick={() => void confirm.run(f.id)}>
              {t('generator.confirm')}
            </button>
            <button type="button" className="button" disabled={discard.pending} onClick={() => void discard.run(f.id)}>
              {t('generator.notSent')}
            </button>
          </div>
        ) : null}
        {f.status === 'sent' || f.status === 'to_confirm' ? (
          <div className="outcome">
            <label htmlFor={outcomeId}>{t('timeline.outcome')}</label>
            <select
              id={outcomeId}
              value={f.outcome}
              disabled={outcome.pending}
              onChange={(e) => void outcome.run({ id: f.id, outcome: followUpOutcomeSchema.parse(e.target.value) })}
            >
              {FOLLOW_UP_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)}
                </option>
              ))}
            </select>
            {f.outcomeDate && f.outcome !== 'none' ? (
              <span className="muted">
                {t('timeline.outcomeOn', { date: date(f.outcomeDate) })}
                {f.outcomeAuto ? ` ${t('timeline.outcomeAuto')}` : ''}
              </span>
            ) : null}
          </div>
        ) : null}
        <ErrorMessage error={outcome.error ?? confirm.error ?? discard.error} />
      </div>
    </li>
  );
}
