import { useMemo } from 'react';
import type { Wording } from '../../../../contracts/import-words';
import { useI18n } from '../../../lib/i18n';

/** The import's codes worded in the interface's language (src/contracts/import-words.ts). */
export function useWording(): Wording {
  const { t, tn, money } = useI18n();
  return useMemo(() => ({ t, tn, money: (cents: number) => money(cents / 100) }), [t, tn, money]);
}
