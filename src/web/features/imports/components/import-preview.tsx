import { useI18n } from '../../../lib/i18n';
import type { ImportPreview } from '../api/preview-import';
import { RejectedRows } from './rejected-rows';
import { Figure } from '../../../ui/figure';

/** Shows a cell of an interpreted row: figures and dates as they will be stored. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface PreviewProps {
  preview: ImportPreview;
  map: Record<string, string>;
  onMapChange: (field: string, header: string) => void;
}

/** What was detected in a file before anything is written, with the column mapping editable. */
export function ImportPreviewPanel({ preview, map, onMapChange }: PreviewProps) {
  const { t, tn } = useI18n();
  const labelOf = new Map([['line', t('import.line')], ...preview.fields.map((f): [string, string] => [f.field, f.label])]);
  const columns = [...new Set(preview.sample.flatMap((row) => Object.keys(row)))];
  return (
    <div className="stack preview">
      <dl className="details">
        <Figure term={t('import.encoding')}>{preview.encoding}</Figure>
        <Figure term={t('import.delimiter')}>{preview.delimiter}</Figure>
        <Figure term={t('import.rows')}>{tn('import.rowCount', preview.rows)}</Figure>
      </dl>
      {preview.error ? (
        <p className="alert error" role="alert">
          {preview.error.message}
        </p>
      ) : null}
      {preview.warnings.length > 0 ? (
        <ul className="alert warn">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <fieldset className="mapping">
        <legend>{t('import.mapping')}</legend>
        <p className="hint">{t('import.mappingHint')}</p>
        <div className="mapping-grid">
          {preview.fields.map(({ field, label }) => {
            const id = `map-${field}`;
            const value = map[field] ?? preview.mapping[field] ?? '';
            return (
              <div key={field} className="field">
                <label htmlFor={id}>{label}</label>
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
                    {labelOf.get(c) ?? c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, i) => (
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c}>{cell(row[c])}</td>
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
