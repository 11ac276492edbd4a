/**
 * Imports (docs/api.md « Import »; CLI `djbooker import … --json`): the query, the preview, the
 * report, the history, undo, the demo and recompute.
 */
import { z } from 'zod';
import { DELIMITER_NAMES } from '../domain/csv/detection';
import { CLIENT_FIELDS, GIG_FIELDS } from '../domain/csv/fields';
import { PLAIN_REJECTION_CODES } from '../domain/csv/import-codes';
import { enumOf } from './common';

export const IMPORT_KINDS = ['clients', 'gigs'] as const;
export const importKindSchema = enumOf(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

const mapping = z
  .string()
  .max(10_000)
  .transform((text, c) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      c.addIssue({ code: 'custom', message: 'input.mapJson' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().max(50), z.string().max(500)));

/** `POST /api/imports/preview`, `POST /api/imports`: the file is the body. */
export const importQuerySchema = z.object({
  kind: importKindSchema,
  fileName: z.string().trim().min(1).max(255).optional(),
  map: mapping.optional(),
});

const rejectionBase = { line: z.number(), field: z.string().nullable(), header: z.string().nullable(), value: z.string() };
/** Why a row was refused: a code and its figures (`import.reject.<code>` in the catalogue; `value` is quoted). */
export const rejectionSchema = z.discriminatedUnion('code', [
  z.object({ ...rejectionBase, code: enumOf(PLAIN_REJECTION_CODES) }),
  z.object({ ...rejectionBase, code: z.literal('too_many_columns'), columns: z.number(), expected: z.number() }),
  z.object({ ...rejectionBase, code: z.literal('value_too_long'), limitKib: z.number() }),
  z.object({ ...rejectionBase, code: z.literal('line_too_long'), limitMib: z.number() }),
  z.object({ ...rejectionBase, code: z.literal('quote_unclosed'), quoteLine: z.number(), resumeLine: z.number() }),
  z.object({ ...rejectionBase, code: z.literal('client_repeated'), firstLine: z.number() }),
]);
export type Rejection = z.infer<typeof rejectionSchema>;

const fieldSchema = enumOf([...CLIENT_FIELDS, ...GIG_FIELDS]);
const quotedHeaders = { headers: z.array(z.string()), more: z.number() };

/** What an import read by a default, or kept while doubting it (`import.warning.<code>`). */
export const importWarningSchema = z.discriminatedUnion('code', [
  z.object({ code: z.enum(['dates_mixed', 'dates_ambiguous']), header: z.string() }),
  z.object({ code: z.literal('amounts_ambiguous'), header: z.string(), sample: z.string() }),
  z.object({ code: z.literal('columns_ignored'), headers: z.array(z.string()) }),
  z.object({
    code: z.literal('emails_invalid'),
    count: z.number(),
    emails: z.array(z.object({ line: z.number(), value: z.string() })),
  }),
  z.object({
    code: z.literal('stats_mismatch'),
    count: z.number(),
    clients: z.array(
      z.object({
        name: z.string(),
        fileGigs: z.number().nullable(),
        gigs: z.number(),
        fileRevenueCents: z.number().nullable(),
        revenueCents: z.number(),
      }),
    ),
  }),
]);
export type ImportWarning = z.infer<typeof importWarningSchema>;

/** Why a file cannot be imported at all (`import.problem.<code>`). */
export const importFileProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('unknown_field'), field: z.string(), fields: z.array(z.string()) }),
  z.object({ code: z.literal('unknown_header'), field: fieldSchema, header: z.string(), ...quotedHeaders }),
  z.object({ code: z.literal('missing_columns'), missing: z.array(fieldSchema), ...quotedHeaders }),
  z.object({ code: z.enum(['utf32', 'empty']) }),
  z.object({ code: z.literal('header_too_long'), limitMib: z.number() }),
  z.object({ code: z.literal('header_field_too_long'), column: z.number(), limitKib: z.number() }),
  z.object({ code: z.literal('header_quote_unclosed'), quoteLine: z.number() }),
]);
export type ImportFileProblem = z.infer<typeof importFileProblemSchema>;

const outcome = {
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  rejected: z.array(rejectionSchema),
  rejectedCount: z.number(),
  createdClients: z.array(z.string()),
  createdClientsCount: z.number(),
  warnings: z.array(importWarningSchema),
};

export const importPreviewSchema = z.object({
  encoding: z.string(),
  bom: z.boolean(),
  delimiter: enumOf(Object.values(DELIMITER_NAMES)),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  fields: z.array(fieldSchema),
  sample: z.array(z.record(z.string(), z.unknown())),
  ...outcome,
  error: z.object({ problem: importFileProblemSchema, missing: z.array(z.string()) }).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** `POST /api/imports`, and what `djbooker import --json` prints. */
export const importReportSchema = z.object({ id: z.number().nullable(), file: z.string(), ...outcome });
export type ImportReport = z.infer<typeof importReportSchema>;

export const importSummarySchema = z.object({
  id: z.number(),
  kind: importKindSchema,
  file: z.string(),
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  undoable: z.boolean(),
});
export const importListSchema = z.object({ imports: z.array(importSummarySchema) });
export type ImportList = z.infer<typeof importListSchema>;

export const undoResultSchema = z.object({ removedGigs: z.number(), removedClients: z.number(), restored: z.number() });
export type UndoResult = z.infer<typeof undoResultSchema>;

const demoFile = z.object({
  id: z.number().nullable(),
  file: z.string(),
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  rejected: z.array(rejectionSchema),
});
/** `POST /api/demo`. */
export const demoResultSchema = z.object({ referenceDate: z.string(), clients: demoFile, gigs: demoFile });
export type DemoResult = z.infer<typeof demoResultSchema>;

export const recomputeResultSchema = z.object({ clients: z.number(), gigs: z.number() });
export type RecomputeResult = z.infer<typeof recomputeResultSchema>;
