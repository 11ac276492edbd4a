import { useState } from 'react';
import { useI18n } from '../lib/i18n';

/** A destructive action in two steps: the button, then « confirm » or « cancel » in its place. */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  pending = false,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  pending?: boolean;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="button danger" disabled={pending} onClick={() => void onConfirm().then(() => setConfirming(false))}>
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
    </>
  );
}
