/** Route input: every params, query and body goes through its contract's schema (src/contracts), failing as `invalid_input`. */
import { z } from 'zod';
import { AppError } from '../app/errors';
import { invalidInputMessage } from '../contracts/errors';

// Messages of zod's own checks in French, like the rest of the API's.
z.config(z.locales.fr());

/** The one input-parsing helper: the input is parsed here, once, and the use-case takes the result. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new AppError('invalid_input', invalidInputMessage(result.error));
}
