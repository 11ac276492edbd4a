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

/**
 * `invalid_input`: each problem of the input (the first MAX_ISSUES), where (`path`) and what, as
 * zod's issue code and its figures; `key` when the schema's own message is a catalogue entry
 * (« fuseau horaire inconnu »). The web words them per field (`inputIssueText`).
 */
export const inputIssueSchema = z.object({
  path: z.array(z.string()),
  code: z.string(),
  origin: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  expected: z.string().optional(),
  format: z.string().optional(),
  keys: z.array(z.string()).optional(),
  key: z.string().optional(),
});
export type InputIssue = z.infer<typeof inputIssueSchema>;
export const invalidInputDetailsSchema = z.object({ issues: z.array(inputIssueSchema) });
export type InvalidInputDetails = z.infer<typeof invalidInputDetailsSchema>;

/** What `details` may hold, whatever the code: each of the above. */
export type ErrorDetails = RefusalDetails | TemplateProblemsDetails | RetryDetails | InvalidInputDetails;

/** The details as they travel: every known field, unknown ones dropped. */
export const errorDetailsSchema = refusalDetailsSchema
  .partial()
  .extend(templateProblemsDetailsSchema.partial().shape)
  .extend(retryDetailsSchema.partial().shape)
  .extend(invalidInputDetailsSchema.partial().shape);
export type ErrorDetailsJson = z.infer<typeof errorDetailsSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: errorDetailsSchema.optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: ApiErrorCode, message: string, details?: ErrorDetails): ErrorBody {
  const parsed = details === undefined ? undefined : errorDetailsSchema.parse(details);
  return { error: parsed ? { code, message, details: parsed } : { code, message } };
}

const MAX_ISSUES = 20;

/** The problems of an input refused by its schema, as codes (`isKey`: whether a schema's message is a catalogue key). */
export function inputIssues(error: z.ZodError, isKey: (message: string) => boolean): InputIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => inputIssueOf(issue, isKey));
}

/** One problem as codes: an issue of a refused input, or one zod is about to word (an error map's, without its message yet). */
export function inputIssueOf(
  issue: { code: string; path?: readonly PropertyKey[]; message?: string },
  isKey: (message: string) => boolean,
): InputIssue {
  const figures = issue as {
    origin?: unknown;
    minimum?: unknown;
    maximum?: unknown;
    expected?: unknown;
    format?: unknown;
    keys?: unknown;
  };
  const number = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const found: InputIssue = {
    path: (issue.path ?? []).map(String),
    code: issue.code,
    origin: text(figures.origin),
    minimum: number(figures.minimum),
    maximum: number(figures.maximum),
    expected: text(figures.expected),
    format: text(figures.format),
    keys: Array.isArray(figures.keys) ? figures.keys.map(String) : undefined,
    key: issue.message !== undefined && isKey(issue.message) ? issue.message : undefined,
  };
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as InputIssue;
}
