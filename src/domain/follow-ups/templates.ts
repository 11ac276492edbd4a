/**
 * The follow-up templates of the guide (and a fourth for active VIP), their placeholders, their
 * validation and their rendering. Pure. A template that validates renders to a text in which no
 * `{{` is left, whatever the values (a property test holds this).
 */
import type { ClientStatus } from '../segments';

export type TemplateKey = 'vipLapsed' | 'standard' | 'gentleReminder' | 'loyalty';
export const TEMPLATE_KEYS: readonly TemplateKey[] = ['vipLapsed', 'standard', 'gentleReminder', 'loyalty'];

export const TEMPLATE_NAMES: Record<TemplateKey, string> = {
  vipLapsed: 'VIP inactif',
  standard: 'Standard',
  gentleReminder: 'Rappel doux',
  loyalty: 'Fidélisation',
};

export interface MessageText {
  subject: string;
  body: string;
}

/** The guide's order: a VIP gone for over a year, another client gone for over a year, a client slowing down, an active client. */
export function chooseTemplate(client: { status: ClientStatus; vip: boolean }): TemplateKey {
  switch (client.status) {
    case 'lapsed':
      return client.vip ? 'vipLapsed' : 'standard';
    case 'dormant':
      return 'gentleReminder';
    case 'active':
      return 'loyalty';
    // A prospect has no history: the standard message presents the services and invites to talk.
    case 'prospect':
      return 'standard';
  }
}

/** The placeholders a template may use (their descriptions: `templates.placeholder.<name>` in the catalogue). */
export const PLACEHOLDER_NAMES = [
  'salutation',
  'prenom',
  'client',
  'depuis',
  'prestations',
  'ca',
  'dernierePrestation',
  'datesLibres',
  'signature',
  'dj',
] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];
export type PlaceholderValues = Record<PlaceholderName, string>;

/** Placeholders are recognised whatever their case and accents: {{Prénom}} is {{prenom}}. */
function placeholderKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
const BY_KEY = new Map<string, PlaceholderName>(PLACEHOLDER_NAMES.map((name) => [placeholderKey(name), name]));

const PLACEHOLDER_AT = /^\{\{\s*([^{}\s]*)\s*\}\}/;

type Part = string | { name: PlaceholderName };

export const TEMPLATE_PROBLEM_CODES = [
  'unknown_placeholder',
  'unclosed_placeholder',
  'subject_empty',
  'subject_multiline',
  'subject_too_long',
  'body_empty',
  'body_too_long',
] as const;

/** What is wrong in a template, as a code (worded by the catalogue, `templates.problem.<code>`); `limit` for the too long ones. */
export interface TemplateProblem {
  field: keyof MessageText;
  /** Offset of the faulty `{{` in the field. */
  index: number;
  token: string;
  code: (typeof TEMPLATE_PROBLEM_CODES)[number];
  limit?: number;
}

const SUBJECT_MAX = 200;
const BODY_MAX = 20_000;

function parse(field: keyof MessageText, text: string): { parts: Part[]; problems: TemplateProblem[] } {
  const parts: Part[] = [];
  const problems: TemplateProblem[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    const m = PLACEHOLDER_AT.exec(text.slice(open));
    const known = m ? BY_KEY.get(placeholderKey(m[1] ?? '')) : undefined;
    if (m && known) {
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ name: known });
      i = open + m[0].length;
      continue;
    }
    const token = m ? m[0] : text.slice(open, open + 20);
    problems.push({ field, index: open, token, code: m ? 'unknown_placeholder' : 'unclosed_placeholder' });
    i = open + 2;
  }
  if (literal) parts.push(literal);
  return { parts, problems };
}

/** Everything wrong with a template, empty when it may be saved. */
export function validateTemplate(t: MessageText): TemplateProblem[] {
  const problems = [...parse('subject', t.subject).problems, ...parse('body', t.body).problems];
  if (t.subject.trim() === '') problems.push({ field: 'subject', index: 0, token: '', code: 'subject_empty' });
  if (/[\r\n]/.test(t.subject))
    problems.push({ field: 'subject', index: t.subject.search(/[\r\n]/), token: '', code: 'subject_multiline' });
  if (t.subject.length > SUBJECT_MAX) {
    problems.push({ field: 'subject', index: SUBJECT_MAX, token: '', code: 'subject_too_long', limit: SUBJECT_MAX });
  }
  if (t.body.trim() === '') problems.push({ field: 'body', index: 0, token: '', code: 'body_empty' });
  if (t.body.length > BODY_MAX) problems.push({ field: 'body', index: BODY_MAX, token: '', code: 'body_too_long', limit: BODY_MAX });
  return problems;
}

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    // Templates are checked when saved: reaching this is a bug, and the codes say which.
    super(`template problems: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
    this.name = 'TemplateError';
  }
}

/**
 * A value never brings braces into the message: with them, a client named "{x" next to a literal
 * "{" could form a `{{` the reader would take for a forgotten variable.
 */
function safeValue(value: string): string {
  return value.replace(/\{/g, '(').replace(/\}/g, ')');
}

function renderField(field: keyof MessageText, text: string, values: PlaceholderValues): string {
  const { parts, problems } = parse(field, text);
  if (problems.length > 0) throw new TemplateError(problems);
  return parts.map((p) => (typeof p === 'string' ? p : safeValue(values[p.name]))).join('');
}

/** The message for one client; throws TemplateError when the template does not validate. */
export function renderTemplate(t: MessageText, values: PlaceholderValues): MessageText {
  const problems = validateTemplate(t);
  if (problems.length > 0) throw new TemplateError(problems);
  return {
    subject: renderField('subject', t.subject, values).replace(/\s+/g, ' ').trim(),
    // An empty value (no first name, no signature) must not leave blank lines or dangling spaces.
    body: renderField('body', t.body, values)
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

/** The first `{{…}}` left in a text about to be sent (an edited message), or null. */
export function leftoverPlaceholder(text: string): string | null {
  const at = text.indexOf('{{');
  if (at < 0) return null;
  const close = text.indexOf('}}', at);
  return close >= 0 && close - at < 60 ? text.slice(at, close + 2) : text.slice(at, at + 20);
}

export const DEFAULT_TEMPLATES: Record<TemplateKey, MessageText> = {
  vipLapsed: {
    subject: 'On se retrouve bientôt ? 🎵',
    body: `{{salutation}},

Cela fait déjà {{depuis}} que nous n’avons pas travaillé ensemble : notre dernière soirée pour {{client}} remonte au {{dernierePrestation}}. Après {{prestations}} ensemble, vous faites partie des clients qui comptent le plus pour moi.

Depuis, j’ai fait évoluer mon matériel et mes services (sonorisation, éclairage, nouvelles formules) et j’aimerais beaucoup vous les faire découvrir.

Pour nos retrouvailles, je vous réserve des conditions préférentielles. Mes prochaines dates libres : {{datesLibres}}.

Dites-moi ce qui vous ferait plaisir, je m’adapte à vos projets.

À très bientôt,
{{signature}}`,
  },
  standard: {
    subject: 'Nouveautés et disponibilités - DJ Pro',
    body: `{{salutation}},

J’espère que tout va bien pour {{client}} !

J’ai enrichi mes prestations et renouvelé mon matériel pour des soirées encore plus réussies, et je serais ravi de vous présenter ces nouveautés.

Nous avons déjà fait {{prestations}} ensemble, la dernière le {{dernierePrestation}} : cela fait {{depuis}} !

Avez-vous des événements en préparation ? Je serais heureux d’en discuter avec vous. Mes prochaines dates libres : {{datesLibres}}.

Bien à vous,
{{signature}}`,
  },
  gentleReminder: {
    subject: 'Des projets en vue ?',
    body: `{{salutation}},

Je prends simplement de vos nouvelles : comment se passe la saison pour {{client}} ?

Si vous avez des événements en préparation, même lointains, je reste disponible pour en parler, sans engagement. Pour information, mes prochaines dates libres : {{datesLibres}}.

Belle journée à vous,
{{signature}}`,
  },
  loyalty: {
    subject: 'Merci pour votre fidélité 🎶',
    body: `{{salutation}},

Merci encore pour votre confiance : {{prestations}} ensemble, c’est toujours un plaisir de travailler pour {{client}}.

Pour que vous puissiez réserver avant tout le monde, voici mes prochaines dates libres : {{datesLibres}}.

En tant que client fidèle, vous bénéficiez de conditions préférentielles sur vos prochaines réservations.

Au plaisir de vous retrouver très vite,
{{signature}}`,
  },
};
