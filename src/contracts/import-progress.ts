/**
 * An import's progress as it travels (`POST /api/imports` with `Accept: application/x-ndjson`):
 * one JSON object a line, progress first, then the report or the error. The server writes these
 * lines, the web app reads them as they arrive; no server or database import, so that both can.
 */
import { z } from 'zod';
import { importReportSchema, type ImportReport } from './imports';

/**
 * Where an import stands: it reads a sample of the file (`bytes` of `total`) to settle its
 * columns, then reads on and writes its rows (`rows` so far) to the staging table as it goes; then
 * they are merged into the workspace (`rows` in all), in the same transaction.
 */
export const importProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('read'), bytes: z.number().int().min(0), total: z.number().int().min(0) }),
  z.object({ phase: z.literal('write'), bytes: z.number().int().min(0), total: z.number().int().min(0), rows: z.number().int().min(0) }),
  z.object({ phase: z.literal('merge'), rows: z.number().int().min(0) }),
]);
export type ImportProgress = z.infer<typeof importProgressSchema>;

export type ImportReportJson = ImportReport;

/** One line of the answer. */
export const importProgressLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: importProgressSchema }),
  z.object({ type: z.literal('report'), report: importReportSchema }),
  z.object({
    type: z.literal('error'),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  }),
]);
export type ImportProgressLine = z.infer<typeof importProgressLineSchema>;

export const NDJSON = 'application/x-ndjson';
