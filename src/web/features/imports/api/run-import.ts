import { ApiError, csrfHeaders, reportSessionLost, toApiError } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';
import { importReportSchema, type ImportReport } from '../../../../contracts/imports';
import { importUrl, type ImportRequest } from './preview-import';

export type { ImportReport } from '../../../../contracts/imports';

/**
 * Through XMLHttpRequest rather than fetch: only XHR reports upload progress, which a large
 * file needs. `onProgress` gets the share sent (0–1), then null while the server works.
 */
export function runImport(input: ImportRequest, onProgress: (sent: number | null) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl('/api/imports', input));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(null);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        invalidate(...PORTFOLIO_KEYS, keys.imports);
        try {
          resolve(importReportSchema.parse(JSON.parse(xhr.responseText)));
        } catch {
          reject(new ApiError('internal', '', xhr.status));
        }
        return;
      }
      if (xhr.status === 401) reportSessionLost();
      reject(toApiError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError('network', '', 0));
    xhr.send(input.file);
  });
}
