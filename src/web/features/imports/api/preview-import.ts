import { importPreviewSchema, type ImportKind, type ImportPreview } from '../../../../contracts/imports';
import { request, withQuery } from '../../../lib/api-client';

export type { ImportKind, ImportPreview, Rejection } from '../../../../contracts/imports';

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
  return request('POST', importUrl('/api/imports/preview', input), importPreviewSchema, { body: input.file });
}
