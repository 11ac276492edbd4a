import { useI18n } from '../../../lib/i18n';
import type { SendErrorKind } from '../../../../contracts/follow-ups';

/**
 * Why an e-mail did not go, in words a DJ can act on; the mail server's own text stays one click
 * away (it is what a technician or the provider's support needs).
 */
export function SendError({
  kind,
  error,
  tone = 'error',
}: {
  kind: SendErrorKind | null;
  error: string | null;
  tone?: 'error' | 'warn' | 'muted';
}) {
  const { t } = useI18n();
  if (!error) return null;
  const words = t(`outbox.error.${kind ?? 'other'}`);
  return (
    <div className={tone === 'muted' ? 'send-error muted' : `alert ${tone} send-error`} data-testid="send-error">
      <p>{words}</p>
      {kind !== 'cancelled' && kind !== 'opted_out' ? (
        <details>
          <summary>{t('outbox.detail')}</summary>
          <p className="technical">{error}</p>
        </details>
      ) : null}
    </div>
  );
}
