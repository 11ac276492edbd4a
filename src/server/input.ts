/** Route input: every params, query and body goes through a zod schema, failing as `invalid_input`. */
import { z } from 'zod';
import { AppError } from '../app/errors';
import { isIsoDate } from '../domain/dates';

// Messages of zod's own checks in French, like the rest of the API's.
z.config(z.locales.fr());

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new AppError('invalid_input', `Donnée invalide${where} : ${issue?.message ?? 'format inattendu'}.`);
}

export const isoDate = z.string().refine(isIsoDate, 'date attendue au format AAAA-MM-JJ');

export const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

/** Every read may ask for another reference date than the workspace's. */
export const asOfQuery = z.object({ asOf: isoDate.optional() });

/** Optional free text: trimmed, an empty value means none. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
}
