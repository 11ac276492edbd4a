/**
 * French first, English selectable: one dictionary (messages.ts), the language remembered in the
 * browser (and in the workspace settings once signed in), and the formatters bound to it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  formatDate, formatDateTime, formatElapsed, formatInactivity, formatLongDate, formatMoney, formatNumber, formatPercent, type Lang,
} from './format';
import { messages, type MessageKey, type PluralKey } from './messages';

const STORAGE_KEY = 'djbooker.lang';

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage refused (private mode): French, the users' language.
  }
  return 'fr';
}

type Vars = Record<string, string | number>;

function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Plural forms through Intl.PluralRules; `{n}` is the formatted count. */
  tn: (key: PluralKey, n: number, vars?: Vars) => string;
  money: (euros: number) => string;
  number: (n: number) => string;
  percent: (ratio: number) => string;
  date: (iso: string) => string;
  longDate: (iso: string) => string;
  dateTime: (instant: string) => string;
  elapsed: (days: number) => string;
  inactivity: (days: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits; still applied now.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const dict = messages[lang];
    const plural = new Intl.PluralRules(lang);
    return {
      lang,
      setLang,
      t: (key, vars) => fill(dict[key], vars),
      tn: (key, n, vars) => {
        const forms = dict[key];
        return fill(plural.select(n) === 'one' ? forms.one : forms.other, { n: formatNumber(n, lang), ...vars });
      },
      money: (euros) => formatMoney(euros, lang),
      number: (n) => formatNumber(n, lang),
      percent: (ratio) => formatPercent(ratio, lang),
      date: (iso) => formatDate(iso, lang),
      longDate: (iso) => formatLongDate(iso, lang),
      dateTime: (instant) => formatDateTime(instant, lang),
      elapsed: (days) => formatElapsed(days, lang),
      inactivity: (days) => formatInactivity(days, lang),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
