/**
 * The words of an `invalid_input` refusal, from its issues' codes (src/contracts/errors.ts): the
 * server words its `message` in the request's language, the web the same per field. The French
 * catalogue is in the web's first bundle already (forms check their keys against it).
 */
import type { z } from 'zod';
import { inputIssueOf, type InputIssue } from './errors';
import type { Vars } from './messages/fill';
import { fr, type MessageKey } from './messages/fr';

type T = (key: MessageKey, vars?: Vars) => string;

/** Whether a schema's message is a sentence of the catalogue (`input.timeZone`), not zod's own words. */
export function isMessageKey(message: string): message is MessageKey {
  return Object.hasOwn(fr, message) && typeof fr[message as MessageKey] === 'string';
}

/** What is wrong with one value, without where. */
export function inputIssueText(issue: InputIssue, t: T): string {
  if (issue.key !== undefined && isMessageKey(issue.key)) return t(issue.key);
  const counted = issue.origin === 'string' ? 'chars' : issue.origin === 'array' || issue.origin === 'set' ? 'items' : 'value';
  switch (issue.code) {
    case 'too_small':
      if (counted === 'chars' && issue.minimum === 1) return t('input.issue.required');
      return t(counted === 'chars' ? 'input.issue.tooShort' : counted === 'items' ? 'input.issue.tooFew' : 'input.issue.tooSmall', {
        minimum: issue.minimum ?? '?',
      });
    case 'too_big':
      return t(counted === 'chars' ? 'input.issue.tooLong' : counted === 'items' ? 'input.issue.tooMany' : 'input.issue.tooBig', {
        maximum: issue.maximum ?? '?',
      });
    case 'invalid_type':
      if (issue.expected === 'number') return t('input.issue.number');
      if (issue.expected === 'int') return t('input.issue.integer');
      return t('input.issue.invalid_type', { expected: issue.expected ?? '?' });
    case 'invalid_format':
      return t('input.issue.invalid_format', { format: issue.format ?? '?' });
    case 'unrecognized_keys':
      return t('input.issue.unrecognized_keys', { keys: (issue.keys ?? []).join(', ') });
    case 'invalid_value':
      return t('input.issue.invalid_value');
    default:
      return t('input.issue.invalid');
  }
}

/** The refusal in one sentence: the first problem and where it is. */
export function invalidInputText(issues: readonly InputIssue[], t: T): string {
  const first = issues[0];
  const problem = first ? inputIssueText(first, t) : t('input.issue.invalid');
  return first && first.path.length > 0
    ? t('input.invalid', { path: first.path.join('.'), problem })
    : t('input.invalidAnywhere', { problem });
}

/**
 * A parse's `error` map for what a person typed (a variable, an option of the command line): the
 * checks a schema gives no sentence of its own are worded by their code, with the value typed or the
 * values accepted, where zod's own words are jargon (« NaN reçu », « >=1 »). A schema's own
 * sentence takes precedence over this map (zod's order), so it stays.
 */
export function typedValueWords(input: unknown, t: T): (issue: z.core.$ZodRawIssue) => string {
  return (issue) => {
    const typed = (issue.path ?? []).reduce<unknown>(
      (value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined),
      input,
    );
    const value = typeof typed === 'string' && typed.trim() !== '' ? typed : undefined;
    if (issue.code === 'invalid_value' && value !== undefined)
      return t('input.issue.notAmong', { value, values: issue.values.map(String).join(', ') });
    const problem = inputIssueText(inputIssueOf(issue, isMessageKey), t);
    return value === undefined ? problem : t('input.issue.received', { problem, value });
  };
}
