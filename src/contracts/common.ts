/**
 * The pieces every contract is made of: ids, calendar dates, paging, optional text, and enums
 * made from the domain's own lists (never typed again by hand). Imports only the domain.
 */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates';

/** The largest id a route accepts (a 32-bit integer column). */
export const MAX_ID = 2 ** 31 - 1;

/** A zod enum from one of the domain's constant lists. */
export function enumOf<T extends string>(values: readonly T[]) {
  return z.enum(values as unknown as [T, ...T[]]);
}

/** A calendar date written YYYY-MM-DD (2025-02-29 is not one). */
export const isoDate = z.string().refine(isIsoDate, 'input.isoDate');

export const id = z.number().int().positive().max(MAX_ID);

export const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(MAX_ID) });

/** Every read may ask for another reference date than the workspace's. */
export const asOfQuery = z.object({ asOf: isoDate.optional() });

/** `limit` (1…max, default `byDefault`) and `offset` of a paged list's query. */
export function pageQuery(max: number, byDefault: number) {
  return {
    limit: z.coerce.number().int().min(1).max(max).default(byDefault),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  };
}

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

/** For 204 answers. */
export const noContentSchema = z.null();
