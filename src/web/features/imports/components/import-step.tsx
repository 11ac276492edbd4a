import { useId, useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { formatBytes } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { previewImport, type ImportKind, type ImportPreview } from '../api/preview-import';
import { runImport, type ImportReport, type RunProgress } from '../api/run-import';
import { importWarningText } from '../../../../contracts/import-words';
import { RejectedRows } from './rejected-rows';
import { useWording } from './use-wording';
import { ImportPreviewPanel } from './import-preview';

type Phase =
  | { name: 'idle' }
  | { name: 'previewing' }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'importing'; progress: RunProgress }
  | { name: 'done'; report: ImportReport };

/**
 * A running import, with its counts at every step: the upload, then the bytes the server read
 * of the file's size, then the rows written, then the merge (a count, without a bar's end).
 */
function ImportProgressBar({ id, progress }: { id: string; progress: RunProgress }) {
  const { t, tn, lang } = useI18n();
  const size = (n: number) => formatBytes(n, lang);
  const label =
    progress.phase === 'upload'
      ? t('import.progress.upload', { done: size(progress.bytes), total: size(progress.total) })
      : progress.phase === 'read'
        ? t('import.progress.read', { done: size(progress.bytes), total: size(progress.total) })
        : progress.phase === 'write'
          ? tn('import.progress.write', progress.rows, { done: size(progress.bytes), total: size(progress.total) })
          : tn('import.progress.merge', progress.rows);
  return (
    <div className="progress" role="status" data-testid="import-progress" data-phase={progress.phase}>
      <label htmlFor={id}>{label}</label>
      {progress.phase === 'merge' ? <progress id={id} /> : <progress id={id} max={Math.max(progress.total, 1)} value={progress.bytes} />}
    </div>
  );
}

/** One file of the import (clients, or gigs): choose, check the preview, import, read the report. */
export function ImportStep({ kind, step }: { kind: ImportKind; step: number }) {
  const { t, tn, lang } = useI18n();
  const wording = useWording();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [map, setMap] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [error, setError] = useState<ApiError | null>(null);

  const preview = async (chosen: File, nextMap: Record<string, string>) => {
    setError(null);
    setPhase({ name: 'previewing' });
    try {
      setPhase({ name: 'preview', preview: await previewImport({ kind, file: chosen, map: nextMap }) });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', '', 0));
      setPhase({ name: 'idle' });
    }
  };
  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setFile(chosen);
    setMap({});
    if (chosen) void preview(chosen, {});
    else setPhase({ name: 'idle' });
  };
  const changeMap = (field: string, header: string) => {
    if (!file || phase.name !== 'preview') return;
    // Send the whole mapping as the user now sees it, so that fixing one column keeps the others.
    const next = { ...phase.preview.mapping, ...map, [field]: header };
    setMap(next);
    void preview(file, next);
  };
  const start = async () => {
    if (!file) return;
    setError(null);
    setPhase({ name: 'importing', progress: { phase: 'upload', bytes: 0, total: file.size } });
    try {
      const report = await runImport({ kind, file, map }, (progress) => setPhase({ name: 'importing', progress }));
      setPhase({ name: 'done', report });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', '', 0));
      setPhase({ name: 'idle' });
    }
  };
  const reset = () => {
    setFile(null);
    setMap({});
    setPhase({ name: 'idle' });
    setError(null);
    if (input.current) input.current.value = '';
  };

  return (
    <div className="card import-step">
      <h3>
        <span className="step">{step}</span> {t(`import.title.${kind}`)}
      </h3>
      <div className="field">
        <label htmlFor={inputId}>{t(`import.choose.${kind}`)}</label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={choose}
          disabled={phase.name === 'importing'}
        />
      </div>
      {file ? <p className="muted">{t('import.chosen', { file: file.name, size: formatBytes(file.size, lang) })}</p> : null}
      <ErrorMessage error={error} />
      {phase.name === 'previewing' ? <Loading /> : null}
      {phase.name === 'preview' ? (
        <>
          <ImportPreviewPanel preview={phase.preview} map={map} onMapChange={changeMap} />
          <div className="actions">
            <button type="button" className="button primary" disabled={phase.preview.error !== null} onClick={() => void start()}>
              {tn(`import.run.${kind}`, phase.preview.rows - phase.preview.rejectedCount)}
            </button>
            <button type="button" className="button" onClick={reset}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      ) : null}
      {phase.name === 'importing' ? <ImportProgressBar id={`${inputId}-progress`} progress={phase.progress} /> : null}
      {phase.name === 'done' ? (
        <div className="stack">
          {phase.report.imported > 0 ? (
            <p className="alert ok" role="status">
              {tn(`import.done.${kind}`, phase.report.imported)}
            </p>
          ) : (
            <p className="alert info" role="status">
              {t(`import.none.${kind}`)}
            </p>
          )}
          <ul className="facts">
            {phase.report.updated > 0 ? <li>{tn('import.updated', phase.report.updated)}</li> : null}
            {phase.report.duplicates > 0 ? <li>{tn('import.duplicates', phase.report.duplicates)}</li> : null}
            {phase.report.createdClients.length > 0 ? (
              <li>
                {t('import.createdClients', {
                  names:
                    phase.report.createdClientsCount > phase.report.createdClients.length
                      ? t('import.createdClientsMore', {
                          names: phase.report.createdClients.join(', '),
                          more: phase.report.createdClientsCount - phase.report.createdClients.length,
                        })
                      : phase.report.createdClients.join(', '),
                })}
              </li>
            ) : null}
            {phase.report.warnings.map((w, i) => (
              <li key={i}>{importWarningText(w, wording)}</li>
            ))}
          </ul>
          <RejectedRows
            rejected={phase.report.rejected}
            total={phase.report.rejectedCount}
            title={tn('import.rejected', phase.report.rejectedCount)}
            {...(phase.report.id !== null ? { downloadHref: `/api/imports/${phase.report.id}/rejected.csv` } : {})}
          />
          <div>
            <button type="button" className="button" onClick={reset}>
              {t('import.another')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
