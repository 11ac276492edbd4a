/** The words of a template's problems (src/contracts/follow-ups.ts), from the catalogue: the web's and the server's. */
import { PLACEHOLDER_NAMES } from '../domain/follow-ups/templates';
import type { TemplateProblem } from './follow-ups';
import type { Vars } from './messages/fill';
import type { MessageKey } from './messages/fr';

type T = (key: MessageKey, vars?: Vars) => string;

export function templateProblemText(problem: TemplateProblem, t: T): string {
  const placeholders = PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(', ');
  return t(`templates.problem.${problem.code}`, { token: problem.token, placeholders, limit: problem.limit ?? '' });
}

/** A problem after its field's name (« Objet : … », "Subject: …"). */
export function templateProblemLine(problem: TemplateProblem, t: T): string {
  return t('common.labelled', {
    label: t(problem.field === 'subject' ? 'generator.subject' : 'generator.body'),
    text: templateProblemText(problem, t),
  });
}

/** Every problem, each after its field's name: the message of a refused save. */
export function templateProblemsText(problems: readonly TemplateProblem[], t: T): string {
  return problems.map((p) => templateProblemLine(p, t)).join(' ');
}
