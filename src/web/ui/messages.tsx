/**
 * An error from the API in words: ours when the code (or a refusal's reason) has its sentence in
 * the catalogue, else the server's message (worded in the interface's language, sent as
 * Accept-Language), else a generic one.
 */
import { invalidInputText } from '../../contracts/input-words';
import type { ApiError } from '../lib/api-client';
import { useI18n, type I18n } from '../lib/i18n';

/** Failures of the server's storage, worded here in the user's language (the server's words are French only). */
const STORAGE_ERRORS: Record<string, 'error.busy' | 'error.storage_full' | 'error.read_only'> = {
  busy: 'error.busy',
  storage_full: 'error.storage_full',
  read_only: 'error.read_only',
};

/** A follow-up refused by the cadence: its reason and dates, worded here with the dates in the user's format. */
const CADENCE_REFUSALS: Record<string, 'cadence.refused.opted_out' | 'cadence.refused.in_outbox' | 'cadence.refused.recent_follow_up'> = {
  opted_out: 'cadence.refused.opted_out',
  in_outbox: 'cadence.refused.in_outbox',
  recent_follow_up: 'cadence.refused.recent_follow_up',
};

export function errorText(error: ApiError, { t, date }: Pick<I18n, 't' | 'date'>): string {
  const storage = STORAGE_ERRORS[error.code];
  if (storage) return t(storage, { seconds: Number(error.details.retryAfter ?? 10) });
  const refusal = typeof error.details.reason === 'string' ? CADENCE_REFUSALS[error.details.reason] : undefined;
  if (refusal) {
    const { lastContact, allowedFrom } = error.details;
    return t(refusal, {
      lastContact: typeof lastContact === 'string' ? date(lastContact) : '',
      allowedFrom: typeof allowedFrom === 'string' ? date(allowedFrom) : '',
    });
  }
  if (error.code === 'invalid_input' && error.details.issues) return invalidInputText(error.details.issues, t);
  return error.message || (error.code === 'network' ? t('error.network') : t('error.generic'));
}

export function ErrorMessage({ error }: { error: ApiError | null }) {
  const i18n = useI18n();
  if (!error) return null;
  const text = errorText(error, i18n);
  return (
    <p className="alert error" role="alert">
      {text}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}
