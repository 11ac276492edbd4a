/**
 * An import's progress as it travels (`POST /api/imports` with `Accept: application/x-ndjson`):
 * one JSON object a line, progress first, then the report or the error. The server writes these
 * lines, the web app reads them as they arrive; no server or database import, so that both can.
 */
import { z } from 'zod';

/**
 * Where an import stands: pass 1 reads the file (`bytes` of `total`) to settle its columns; pass 2
 * reads it again and writes its rows (`rows` so far) to the staging table; then they are merged
 * into the workspace (`rows` in all), in the same transaction.
 */
export const importProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('read'), bytes: z.number().int().min(0), total: z.number().int().min(0) }),
  z.object({ phase: z.literal('write'), bytes: z.number().int().min(0), total: z.number().int().min(0), rows: z.number().int().min(0) }),
  z.object({ phase: z.literal('merge'), rows: z.number().int().min(0) }),
]);
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** A row the import refused: its line, the column, the value (cut to an excerpt) and why. */
export const rejectionSchema = z.object({
  line: z.number(),
  field: z.string().nullish(),
  header: z.string().nullish(),
  value: z.string().nullish(),
  message: z.string(),
});

export const importReportSchema = z.object({
  id: z.number().nullable(),
  file: z.string(),
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  rejected: z.array(rejectionSchema),
  rejectedCount: z.number(),
  createdClients: z.array(z.string()),
  createdClientsCount: z.number(),
  warnings: z.array(z.string()),
});
export type ImportReportJson = z.infer<typeof importReportSchema>;

/** One line of the answer. */
export const importProgressLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: importProgressSchema }),
  z.object({ type: z.literal('report'), report: importReportSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) }),
]);
export type ImportProgressLine = z.infer<typeof importProgressLineSchema>;

export const NDJSON = 'application/x-ndjson';
