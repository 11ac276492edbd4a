/** Route input: every params, query and body goes through its contract's schema (src/contracts), failing as `invalid_input`. */
import { z } from 'zod';
import { AppError } from '../app/errors';
import { inputIssues } from '../contracts/errors';
import { invalidInputText, isMessageKey } from '../contracts/input-words';
import { message } from '../contracts/messages';

/**
 * The one input-parsing helper: the input is parsed here, once, and the use-case takes the result.
 * A refusal carries its issues as codes (`details.issues`), and its message in the request's language.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = inputIssues(result.error, isMessageKey);
  throw AppError.composed('invalid_input', (lang) => invalidInputText(issues, (key, vars) => message(lang, key, vars)), { issues });
}
