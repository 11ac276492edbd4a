/**
 * Imports (docs/api.md « Import »; CLI `djbooker import … --json`): the query, the preview, the
 * report, the history, undo, the demo and recompute.
 */
import { z } from 'zod';
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
      c.addIssue({ code: 'custom', message: 'JSON attendu, par exemple {"amount":"Cachet"}' });
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

/** Why a row was refused, and the words the server gives the import (still French, built on the server). */
export const importMessageText = z.string();

export const rejectionSchema = z.object({
  line: z.number(),
  field: z.string().nullable(),
  header: z.string().nullable(),
  value: z.string(),
  message: importMessageText,
});
export type Rejection = z.infer<typeof rejectionSchema>;

const outcome = {
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  rejected: z.array(rejectionSchema),
  rejectedCount: z.number(),
  createdClients: z.array(z.string()),
  createdClientsCount: z.number(),
  warnings: z.array(importMessageText),
};

export const importPreviewSchema = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  fields: z.array(z.object({ field: z.string(), label: z.string() })),
  sample: z.array(z.record(z.string(), z.unknown())),
  ...outcome,
  error: z.object({ message: importMessageText, missing: z.array(z.string()) }).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** `POST /api/imports`; CLI `djbooker import --json` adds `kind` and `dryRun`. */
export const importReportSchema = z.object({ id: z.number().nullable(), file: z.string(), ...outcome });
export type ImportReport = z.infer<typeof importReportSchema>;
export const cliImportReportSchema = importReportSchema.extend({ kind: importKindSchema, dryRun: z.boolean() });

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
