import { formatDuration } from '../../../lib/format';
import { gigStatusSchema } from '../../../../contracts/clients';
import { useI18n, type I18n } from '../../../lib/i18n';
import type { MessageKey } from '../../../../contracts/messages';
import type { ImportPreview } from '../api/preview-import';
import { fieldLabel, importFileProblemText, importWarningText } from '../../../../contracts/import-words';
import { RejectedRows } from './rejected-rows';
import { useWording } from './use-wording';
import { Figure } from '../../../ui/figure';

/** The interpreted row's keys, in the interface's words (the API's keys are English). */
const COLUMN_KEYS: Record<string, MessageKey> = {
  line: 'import.line',
  name: 'import.col.name',
  client: 'import.col.client',
  contact: 'import.col.contact',
  email: 'import.col.email',
  phone: 'import.col.phone',
  city: 'import.col.city',
  category: 'import.col.category',
  notes: 'import.col.notes',
  gigs: 'import.col.gigs',
  revenue: 'import.col.revenue',
  firstDate: 'import.col.firstDate',
  lastDate: 'import.col.lastDate',
  date: 'import.col.date',
  amount: 'import.col.amount',
  status: 'import.col.status',
  type: 'import.col.type',
  venue: 'import.col.venue',
  durationMinutes: 'import.col.durationMinutes',
  reference: 'import.col.reference',
};
const MONEY = new Set(['amount', 'revenue']);
const DATES = new Set(['date', 'firstDate', 'lastDate']);

/** A cell of an interpreted row as the rest of the app shows it: « 350 € », « 14 janv. 2026 », « 4 h », « Réalisée ». */
function cell(column: string, value: unknown, i18n: I18n): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (MONEY.has(column)) return i18n.money(value);
    if (column === 'durationMinutes') return formatDuration(value, i18n.lang);
    return column === 'line' ? String(value) : i18n.number(value);
  }
  if (typeof value === 'string') {
    if (DATES.has(column)) return i18n.date(value);
    const status = gigStatusSchema.safeParse(value);
    if (column === 'status' && status.success) return i18n.t(`gigStatus.${status.data}`);
    return value;
  }
  return JSON.stringify(value);
}

interface PreviewProps {
  preview: ImportPreview;
  map: Record<string, string>;
  onMapChange: (field: string, header: string) => void;
}

/** What was detected in a file before anything is written, with the column mapping editable. */
export function ImportPreviewPanel({ preview, map, onMapChange }: PreviewProps) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const wording = useWording();
  const columnLabel = (c: string) => {
    const key = COLUMN_KEYS[c];
    return key ? t(key) : c;
  };
  const columns = [...new Set(preview.sample.flatMap((row) => Object.keys(row)))];
  return (
    <div className="stack preview">
      <dl className="details">
        <Figure term={t('import.encoding')}>{preview.bom ? t('import.withBom', { encoding: preview.encoding }) : preview.encoding}</Figure>
        <Figure term={t('import.delimiter')}>{t(`import.delimiter.${preview.delimiter}`)}</Figure>
        <Figure term={t('import.rows')}>{tn('import.rowCount', preview.rows)}</Figure>
      </dl>
      {preview.error ? (
        <p className="alert error" role="alert">
          {importFileProblemText(preview.error.problem, wording)}
        </p>
      ) : null}
      {preview.warnings.length > 0 ? (
        <ul className="alert warn">
          {preview.warnings.map((w, i) => (
            <li key={i}>{importWarningText(w, wording)}</li>
          ))}
        </ul>
      ) : null}
      <fieldset className="mapping">
        <legend>{t('import.mapping')}</legend>
        <p className="hint">{t('import.mappingHint')}</p>
        <div className="mapping-grid">
          {preview.fields.map((field) => {
            const id = `map-${field}`;
            const value = map[field] ?? preview.mapping[field] ?? '';
            return (
              <div key={field} className="field">
                <label htmlFor={id}>{fieldLabel(field, i18n)}</label>
                <select id={id} value={value} onChange={(e) => onMapChange(field, e.target.value)}>
                  <option value="">{t('import.unused')}</option>
                  {preview.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      </fieldset>
      {preview.sample.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t('import.sample')} tabIndex={0}>
          <table className="table">
            <caption>{t('import.sample')}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, i) => (
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c}>{cell(c, row[c], i18n)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <RejectedRows rejected={preview.rejected} total={preview.rejectedCount} title={tn('import.willReject', preview.rejectedCount)} />
    </div>
  );
}
