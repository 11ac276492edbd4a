/**
 * The client's messages read from the mailbox (issue 16): date, subject and first lines; a probable
 * match says so and "Ce n’est pas une réponse" undoes it; a bounce says the address fails.
 */
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { ErrorMessage } from '../../../ui/messages';
import { undoReply, useClientReplies, type ReplyRecord } from '../api/replies';

export function ClientReplies({ clientId }: { clientId: number }) {
  const { t } = useI18n();
  const { data, error } = useClientReplies(clientId);
  const replies = data?.replies ?? [];
  if (replies.length === 0 && !error) return null;
  return (
    <section className="panel" aria-labelledby="client-replies">
      <h2 id="client-replies">{t('replies.title')}</h2>
      <ErrorMessage error={error} />
      <ol className="timeline">
        {replies.map((r) => (
          <ReplyItem key={r.id} reply={r} />
        ))}
      </ol>
    </section>
  );
}

function ReplyItem({ reply }: { reply: ReplyRecord }) {
  const { t, date } = useI18n();
  const undo = useMutation(undoReply);
  return (
    <li className={`event reply-event ${reply.kind}`}>
      <span className="event-date">{date(reply.receivedDate)}</span>
      <span className="event-kind">{t(`replies.kind.${reply.kind}`)}</span>
      <span className="event-text">
        <strong>{reply.subject || t('replies.noSubject')}</strong>
        {reply.excerpt ? <span className="reply-excerpt"> — {reply.excerpt}</span> : null}
        {reply.kind === 'reply' ? <span className="muted"> ({t(`replies.certainty.${reply.certainty}`)})</span> : null}
        {reply.kind === 'bounce' ? <span className="error-text"> {t('replies.bounced')}</span> : null}
        {reply.undone ? <span className="muted"> {t('replies.undone')}</span> : null}
        {reply.kind === 'reply' && !reply.undone ? (
          <>
            {' '}
            <button type="button" className="button small" disabled={undo.pending} onClick={() => void undo.run(reply)}>
              {t('replies.undo')}
            </button>
          </>
        ) : null}
        <ErrorMessage error={undo.error} />
      </span>
    </li>
  );
}
