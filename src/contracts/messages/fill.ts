/** What both sides share to word a catalogue entry, without loading any catalogue. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Vars = Record<string, string | number>;

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** `{name}` replaced by `vars.name`; a name without a value stays as written (a visible slip, never a crash). */
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
