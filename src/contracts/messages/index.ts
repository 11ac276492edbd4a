/**
 * The one message catalogue (French and English) and how a text is drawn from it. The web words
 * every code with it (English loaded on demand, see src/web/lib/i18n.tsx); the server words with
 * it only what must carry words (the CLI, e-mails, the PDF, CSV reports, an error's `message`), in
 * the request's language (`Accept-Language`, see `langOf`). Imports both languages: server side only.
 */
import { formatEuros } from '../../domain/money';
import type { Wording } from '../import-words';
import { en } from './en';
import { fr, type Dictionary, type MessageKey, type PluralKey } from './fr';

export { type Dictionary, type MessageKey, type PluralKey } from './fr';
export { fill, isLang, LANGS, type Lang, type Vars } from './fill';

import { fill, type Lang, type Vars } from './fill';

export const catalogues: Record<Lang, Dictionary> = { fr, en };

/** A sentence of the catalogue in `lang`, its `{name}` filled from `vars`. */
export function message(lang: Lang, key: MessageKey, vars?: Vars): string {
  return fill(catalogues[lang][key], vars);
}

/** A plural entry: `{n}` is the count as given (formatting is the caller's). */
export function pluralMessage(lang: Lang, key: PluralKey, n: number, vars?: Vars): string {
  const forms = catalogues[lang][key];
  return fill(new Intl.PluralRules(lang).select(n) === 'one' ? forms.one : forms.other, { n, ...vars });
}

/**
 * The language of an HTTP request from its `Accept-Language` header: English when its first
 * language English-speaking ranks before any French, French otherwise (the users' language).
 */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => (r.primary === 'fr' || r.primary === 'en') && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.primary === 'en' ? 'en' : 'fr';
}

/** The server's wording of codes in `lang` (src/contracts/import-words.ts): the catalogue and money in that language. */
export function wording(lang: Lang): Wording {
  return {
    t: (key, vars) => message(lang, key, vars),
    tn: (key, n, vars) => pluralMessage(lang, key, n, vars),
    money: (cents) => formatEuros(cents, lang === 'en' ? 'en-GB' : 'fr-FR'),
  };
}
