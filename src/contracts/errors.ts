/**
 * The one error shape of the API, `{ error: { code, message, details? } }`: its codes, their HTTP
 * statuses, and the details a code may carry (nothing else ever leaves the server).
 */
import { z } from 'zod';
import { CADENCE_BLOCKS } from '../domain/follow-ups/cadence';
import { enumOf } from './common';
import { templateProblemSchema } from './follow-ups';

export const HTTP_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  owner_only: 403,
  not_found: 404,
  conflict: 409,
  invalid_file: 422,
  rate_limited: 429,
  // 421 Misdirected Request: this server does not answer for that name (DNS rebinding).
  host_not_allowed: 421,
  internal: 500,
  busy: 503,
  storage_full: 507,
  read_only: 503,
} as const;
export type ApiErrorCode = keyof typeof HTTP_STATUS;
export const API_ERROR_CODES = Object.keys(HTTP_STATUS) as ApiErrorCode[];

/** Why a follow-up (or a retry, or every message of a batch) is refused. */
export const refusalDetailsSchema = z.object({
  reason: z.union([enumOf(CADENCE_BLOCKS), z.enum(['all_refused', 'no_email', 'invalid'])]),
  /** A too recent follow-up: the last contact and from when a new one is allowed. */
  lastContact: z.string().nullable().optional(),
  allowedFrom: z.string().nullable().optional(),
});
export type RefusalDetails = z.infer<typeof refusalDetailsSchema>;

/** An edited template refused for its placeholders. */
export const templateProblemsDetailsSchema = z.object({ problems: z.array(templateProblemSchema) });
export type TemplateProblemsDetails = z.infer<typeof templateProblemsDetailsSchema>;

/** `busy`: seconds to wait before trying again (also the `Retry-After` header). */
export const retryDetailsSchema = z.object({ retryAfter: z.number() });
export type RetryDetails = z.infer<typeof retryDetailsSchema>;

/** What `details` may hold, whatever the code: each of the above. */
export type ErrorDetails = RefusalDetails | TemplateProblemsDetails | RetryDetails;

/** The details as they travel: every known field, unknown ones dropped. */
export const errorDetailsSchema = refusalDetailsSchema
  .partial()
  .extend(templateProblemsDetailsSchema.partial().shape)
  .extend(retryDetailsSchema.partial().shape);
export type ErrorDetailsJson = z.infer<typeof errorDetailsSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: errorDetailsSchema.optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: ApiErrorCode, message: string, details?: ErrorDetails): ErrorBody {
  const parsed = details === undefined ? undefined : errorDetailsSchema.parse(details);
  return { error: parsed ? { code, message, details: parsed } : { code, message } };
}

/** An input refused by its schema, in one sentence: the first problem and where it is. */
export function invalidInputMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  return `Donnée invalide${where} : ${issue?.message ?? 'format inattendu'}.`;
}
