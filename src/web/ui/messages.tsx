/** An error from the API in words: the server's French message, or ours when there is none. */
import type { ApiError } from '../lib/api-client';
import { useI18n } from '../lib/i18n';

export function ErrorMessage({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = error.message || (error.code === 'network' ? t('error.network') : t('error.generic'));
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
