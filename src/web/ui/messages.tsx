/** An error from the API in words: the server's French message, or ours when there is none. */
import type { ApiError } from '../lib/api-client';
import { useI18n } from '../lib/i18n';

/** Failures of the server's storage, worded here in the user's language (the server's words are French only). */
const STORAGE_ERRORS: Record<string, 'error.busy' | 'error.storage_full' | 'error.read_only'> = {
  busy: 'error.busy',
  storage_full: 'error.storage_full',
  read_only: 'error.read_only',
};

export function ErrorMessage({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const storage = STORAGE_ERRORS[error.code];
  const text = storage
    ? t(storage, { seconds: Number(error.details.retryAfter ?? 10) })
    : error.message || (error.code === 'network' ? t('error.network') : t('error.generic'));
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
