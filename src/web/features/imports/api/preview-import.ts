import { z } from 'zod';
import { rejectionSchema } from '../../../../contracts/import-progress';
import { request, withQuery } from '../../../lib/api-client';

export type ImportKind = 'clients' | 'gigs';

export { rejectionSchema };
export type Rejection = z.infer<typeof rejectionSchema>;

export const previewSchema = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  fields: z.array(z.object({ field: z.string(), label: z.string() })),
  sample: z.array(z.record(z.string(), z.unknown())),
  rows: z.number(),
  rejected: z.array(rejectionSchema),
  rejectedCount: z.number(),
  warnings: z.array(z.string()),
  error: z.object({ message: z.string(), missing: z.array(z.string()) }).nullable(),
});
export type ImportPreview = z.infer<typeof previewSchema>;

export interface ImportRequest {
  kind: ImportKind;
  file: File;
  /** The user's corrections of the column mapping: field → header ('' for a field left unused). */
  map: Record<string, string>;
}

export function importUrl(path: string, { kind, file, map }: ImportRequest): string {
  return withQuery(path, { kind, fileName: file.name, map: Object.keys(map).length > 0 ? JSON.stringify(map) : undefined });
}

/** Nothing is written: the server reads the file and says what it understood. */
export function previewImport(input: ImportRequest): Promise<ImportPreview> {
  return request('POST', importUrl('/api/imports/preview', input), previewSchema, { body: input.file });
}
