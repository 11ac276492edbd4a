/**
 * French first, English selectable: one catalogue (src/contracts/messages), the language remembered
 * in the browser (and in the workspace settings once signed in), and the formatters bound to it.
 * French is in the first bundle; English is its own chunk, loaded when first chosen: until it has
 * arrived the previous language stays on screen (or, on a first visit in English, nothing shows).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  formatDate,
  formatDateTime,
  formatElapsed,
  formatInactivity,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatPercent,
  type Lang,
} from './format';
import { fill, isLang, type Vars } from '../../contracts/messages/fill';
import { fr, type Dictionary, type MessageKey, type PluralKey } from '../../contracts/messages/fr';
import { setRequestLanguage } from './api-client';

export { isLang };

/** Catalogues loaded so far; English joins on first use. */
const loaded: Partial<Record<Lang, Dictionary>> = { fr };

async function loadCatalogue(lang: Lang): Promise<Dictionary> {
  const known = loaded[lang];
  if (known) return known;
  const { en } = await import('../../contracts/messages/en');
  loaded.en = en;
  return en;
}

const STORAGE_KEY = 'djbooker.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage refused (private mode): French, the users' language.
  }
  return 'fr';
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
  /** The language asked for, and the one shown (the same once its catalogue has arrived). */
  const [wanted, setWanted] = useState<Lang>(initialLang);
  const [shown, setShown] = useState<{ lang: Lang; dict: Dictionary } | null>(() => {
    const lang = initialLang();
    const dict = loaded[lang];
    if (!dict) return null;
    setRequestLanguage(lang);
    return { lang, dict };
  });
  const setLang = useCallback((next: Lang) => {
    setWanted(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits; still applied now.
    }
  }, []);
  // The server words its errors in the language shown, from the first request made in it.
  const show = (lang: Lang, dict: Dictionary) => {
    setRequestLanguage(lang);
    setShown({ lang, dict });
  };
  useEffect(() => {
    let current = true;
    loadCatalogue(wanted).then(
      (dict) => current && show(wanted, dict),
      // The chunk did not come (offline, a new version deployed): stay in French rather than blank.
      () => current && show('fr', fr),
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  const lang = shown?.lang ?? 'fr';
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const dict = shown?.dict ?? fr;
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
  }, [lang, shown, setLang]);
  if (!shown) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
