/** Downloads: plain links to the authenticated GET routes of docs/api.md (the session cookie goes with them). */
import { useI18n } from '../../../lib/i18n';

export function ExportLinks() {
  const { t } = useI18n();
  return (
    <>
      <p className="actions">
        <a className="button" href="/api/export/clients.csv" download>
          {t('directory.exportClients')}
        </a>{' '}
        <a className="button" href="/api/export/gigs.csv" download>
          {t('directory.exportGigs')}
        </a>{' '}
        <a className="button" href="/api/export/workspace.json" download>
          {t('directory.exportWorkspace')}
        </a>
      </p>
      <p className="muted">{t('directory.exportHint')}</p>
    </>
  );
}

/**
 * "Exporter en PDF": the activity report as of the workspace's reference date; from the
 * Tableau de bord, over the period it shows.
 */
export function ReportPdfLink({ from, to }: { from?: string; to?: string } = {}) {
  const { t } = useI18n();
  const query = from && to ? `?${new URLSearchParams({ from, to }).toString()}` : '';
  return (
    <a className="button" href={`/api/report.pdf${query}`} download title={t('crm.reportPdfHint')}>
      <span aria-hidden="true">📄 </span>
      {t('crm.reportPdf')}
    </a>
  );
}
