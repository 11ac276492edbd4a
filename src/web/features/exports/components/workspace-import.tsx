/** « Importer un espace de travail »: a workspace JSON (as exported) read into this workspace, when it is empty. */
import { useId, useState, type FormEvent } from 'react';
import { workspaceImportReportSchema, type WorkspaceImportReportJson } from '../../../../contracts/alert';
import { request } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { invalidate, useMutation } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';
import { ErrorMessage } from '../../../ui/messages';

async function importWorkspaceFile(file: File): Promise<WorkspaceImportReportJson> {
  const report = await request('POST', '/api/workspace/import', workspaceImportReportSchema, { body: file });
  invalidate(keys.settings, keys.imports, keys.templates, keys.mailSettings, keys.alert, ...PORTFOLIO_KEYS);
  return report;
}

export function WorkspaceImport() {
  const { t, number } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<WorkspaceImportReportJson | null>(null);
  const upload = useMutation(importWorkspaceFile);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setReport(null);
    const r = await upload.run(file);
    if (r) setReport(r);
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('workspaceImport.title')}>
      <p className="hint">{t('workspaceImport.hint')}</p>
      <div className="field">
        <label htmlFor={id}>{t('workspaceImport.file')}</label>
        <input id={id} type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      {upload.error?.code === 'conflict' ? (
        <p className="alert error" role="alert">
          {t('workspaceImport.notEmpty')}
        </p>
      ) : (
        <ErrorMessage error={upload.error} />
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={!file || upload.pending}>
          {upload.pending ? t('common.loading') : t('workspaceImport.submit')}
        </button>
        <span role="status" className="ok-text">
          {report
            ? t('workspaceImport.done', {
                clients: number(report.clients),
                gigs: number(report.gigs),
                notes: number(report.notes),
                followUps: number(report.followUps),
              })
            : null}
        </span>
      </div>
    </form>
  );
}
