import { rejectionText } from '../../../../contracts/import-words';
import { useI18n } from '../../../lib/i18n';
import type { Rejection } from '../api/preview-import';

/** Rows left out of an import, with their line in the file and the reason; `total` counts those the report did not keep. */
export function RejectedRows({
  rejected,
  total,
  title,
  downloadHref,
}: {
  rejected: Rejection[];
  total: number;
  title: string;
  downloadHref?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (rejected.length === 0) return null;
  return (
    <div className="rejected">
      <h4>{title}</h4>
      {total > rejected.length ? <p>{t('import.rejectedKept', { kept: rejected.length })}</p> : null}
      {downloadHref ? (
        <p>
          <a className="button" href={downloadHref} download>
            {t('import.downloadRejected')}
          </a>
        </p>
      ) : null}
      <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.line')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.value')}</th>
              <th scope="col">{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rejected.map((r) => (
              <tr key={`${r.line}-${r.field ?? ''}`}>
                <td className="num">{r.line}</td>
                <td>{r.header ?? r.field ?? '—'}</td>
                <td>{r.value ?? ''}</td>
                <td>{rejectionText(r, i18n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
