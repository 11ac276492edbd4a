import { useState } from 'react';
import { useI18n } from '../lib/i18n';

/** Copies a text; says so in a live region, since a silent copy leaves the user guessing. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted">
        {copied === true ? t('common.copied') : copied === false ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
