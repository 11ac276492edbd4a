import { ApiError, csrfHeaders, reportSessionLost, toApiError } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';
import { importProgressLineSchema, NDJSON, type ImportProgress } from '../../../../contracts/import-progress';
import type { ImportReport } from '../../../../contracts/imports';
import { importUrl, type ImportRequest } from './preview-import';

export type { ImportReport } from '../../../../contracts/imports';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Where a running import stands, as the page shows it: the upload, then the server's steps. */
export type RunProgress = { phase: 'upload'; bytes: number; total: number } | ImportProgress;

/**
 * Through XMLHttpRequest rather than fetch: XHR reports the upload's progress, then the answer's
 * as it arrives, one JSON line per step of the server (docs/api.md, `POST /api/imports`).
 */
export function runImport(input: ImportRequest, onProgress: (progress: RunProgress) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl('/api/imports', input));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', NDJSON);
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', bytes: e.loaded, total: e.lengthComputable ? e.total : input.file.size });
    let read = 0;
    let report: ImportReport | null = null;
    let failure: ApiError | null = null;
    // Complete lines only: the last one may still be arriving.
    const readLines = () => {
      if (!(xhr.getResponseHeader('content-type') ?? '').includes(NDJSON)) return;
      const end = xhr.responseText.lastIndexOf('\n') + 1;
      const text = xhr.responseText.slice(read, end);
      read = end;
      for (const raw of text.split('\n')) {
        if (raw === '') continue;
        const parsed = importProgressLineSchema.safeParse(parseJson(raw));
        if (!parsed.success) failure = new ApiError('internal', '', xhr.status);
        else if (parsed.data.type === 'progress') onProgress(parsed.data.progress);
        else if (parsed.data.type === 'report') report = parsed.data.report;
        else failure = new ApiError(parsed.data.error.code, parsed.data.error.message, xhr.status, parsed.data.error.details);
      }
    };
    xhr.onprogress = readLines;
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        readLines();
        invalidate(...PORTFOLIO_KEYS, keys.imports);
        if (report) resolve(report);
        else reject(failure ?? new ApiError('internal', '', xhr.status));
        return;
      }
      if (xhr.status === 401) reportSessionLost();
      reject(toApiError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError('network', '', 0));
    xhr.send(input.file);
  });
}
