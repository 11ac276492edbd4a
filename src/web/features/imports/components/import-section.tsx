import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { ErrorMessage } from '../../../ui/messages';
import { useImports } from '../api/get-imports';
import { loadDemo } from '../api/load-demo';
import { recompute } from '../api/recompute';
import { undoImport } from '../api/undo-import';
import { ImportStep } from './import-step';

/** « Import CSV »: clients then gigs, the last import undoable, the demo for an empty workspace, and « Recalculer segmentations ». */
export function ImportSection({ empty }: { empty: boolean }) {
  const { t, tn, number, dateTime } = useI18n();
  const imports = useImports();
  const demo = useMutation(loadDemo);
  const recomputing = useMutation(recompute);
  const undo = useMutation(undoImport);
  const [recomputed, setRecomputed] = useState<{ clients: number; gigs: number } | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const latest = imports.data?.imports.find((i) => i.undoable) ?? null;

  return (
    <section className="panel" aria-labelledby="import" id="section-import">
      <h2 id="import">{t('import.section')}</h2>
      <p className="muted">{t('import.intro')}</p>
      {empty ? (
        <div className="alert info stack">
          <p>{t('import.emptyWorkspace')}</p>
          <div>
            <button type="button" className="button primary" disabled={demo.pending} onClick={() => void demo.run(undefined)}>
              {t('import.loadDemo')}
            </button>
          </div>
          <ErrorMessage error={demo.error} />
        </div>
      ) : null}
      <div className="import-steps">
        <ImportStep kind="clients" step={1} />
        <ImportStep kind="gigs" step={2} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={recomputing.pending}
          onClick={() => void recomputing.run(undefined).then((r) => setRecomputed(r ?? null))}
        >
          {t('import.recompute')}
        </button>
        {latest ? (
          confirmUndo ? (
            <div className="stack" role="group" aria-labelledby="undo-question">
              <p id="undo-question">{t('import.undoQuestion', { file: latest.file })}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button danger"
                  disabled={undo.pending}
                  onClick={() =>
                    void undo.run(latest.id).then((r) => {
                      setConfirmUndo(false);
                      if (r)
                        setUndone(
                          t('import.undone', {
                            gigs: number(r.removedGigs),
                            clients: number(r.removedClients),
                            restored: number(r.restored),
                          }),
                        );
                    })
                  }
                >
                  {t('import.confirmUndo', { file: latest.file })}
                </button>
                <button type="button" className="button" onClick={() => setConfirmUndo(false)}>
                  {t('import.keep')}
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => {
                setUndone(null);
                setConfirmUndo(true);
              }}
            >
              {t('import.undo')}
            </button>
          )
        ) : null}
      </div>
      <div role="status">
        {recomputed ? (
          <p className="alert ok">{t('import.recomputed', { clients: number(recomputed.clients), gigs: number(recomputed.gigs) })}</p>
        ) : null}
        {undone ? <p className="alert ok">{undone}</p> : null}
      </div>
      <ErrorMessage error={recomputing.error ?? undo.error ?? imports.error} />
      {latest ? (
        <p className="muted">{tn('import.latestRows', latest.imported, { file: latest.file, date: dateTime(latest.createdAt) })}</p>
      ) : null}
    </section>
  );
}
