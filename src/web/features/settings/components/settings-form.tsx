import { useState, type FormEvent } from 'react';
import type { Thresholds } from '../../../../contracts/settings';
import type { Lang } from '../../../lib/format';
import { isLang, useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { SelectField, TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import type { Settings } from '../api/get-settings';
import { updateSettings } from '../api/update-settings';

const THRESHOLD_FIELDS: (keyof Thresholds)[] = ['activeDays', 'lapsedDays', 'vipMinGigs', 'vipMinRevenue', 'vipActiveMinGigs'];

/**
 * Reference date, thresholds (with the guide's defaults), the DJ's name and signature, the language.
 * `readOnly` for a member: the server refuses the change (owner_only), so the form does not offer it.
 */
export function SettingsForm({ settings, readOnly = false }: { settings: Settings; readOnly?: boolean }) {
  const { t, setLang, number, money, date } = useI18n();
  const [fixedDate, setFixedDate] = useState(settings.referenceDate !== null);
  const [referenceDate, setReferenceDate] = useState(settings.referenceDate ?? '');
  const [thresholds, setThresholds] = useState<Record<keyof Thresholds, string>>(() => toStrings(settings.thresholds));
  const [djName, setDjName] = useState(settings.djName ?? '');
  const [signature, setSignature] = useState(settings.signature ?? '');
  const [language, setLanguage] = useState<Lang>(settings.language ?? 'fr');
  const [saved, setSaved] = useState(false);
  const mutation = useMutation(updateSettings);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const result = await mutation.run({
      referenceDate: fixedDate ? referenceDate : null,
      thresholds: Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, Number(thresholds[f])])),
      djName,
      signature,
      language,
    });
    if (result) {
      setLang(language);
      setSaved(true);
    }
  };
  const defaultText = (f: keyof Thresholds) =>
    t('settings.default', { value: f === 'vipMinRevenue' ? money(settings.defaults[f]) : number(settings.defaults[f]) });
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      {/* One disabled fieldset disables every control inside it. */}
      <fieldset className="plain" disabled={readOnly}>
      <fieldset>
        <legend>{t('settings.referenceDate')}</legend>
        <p className="hint">{t('settings.referenceDateHint', { timeZone: settings.timeZone })}</p>
        <label className="radio">
          <input type="radio" name="reference" checked={!fixedDate} onChange={() => setFixedDate(false)} />
          {t('settings.today')}
        </label>
        <label className="radio">
          <input type="radio" name="reference" checked={fixedDate} onChange={() => setFixedDate(true)} />
          {t('settings.fixedDate')}
        </label>
        {fixedDate ? (
          <TextField
            label={t('settings.date')}
            type="date"
            value={referenceDate}
            onChange={(e) => setReferenceDate(e.target.value)}
            required
            hint={referenceDate ? date(referenceDate) : undefined}
          />
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('settings.thresholds')}</legend>
        <div className="grid-2">
          {THRESHOLD_FIELDS.map((f) => (
            <TextField
              key={f}
              label={t(`settings.threshold.${f}`)}
              type="number"
              min={f === 'vipMinRevenue' ? 0 : 1}
              step={1}
              value={thresholds[f]}
              onChange={(e) => setThresholds((v) => ({ ...v, [f]: e.target.value }))}
              required
              hint={defaultText(f)}
            />
          ))}
        </div>
        <button type="button" className="button" onClick={() => setThresholds(toStrings(settings.defaults))}>
          {t('settings.restoreDefaults')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('settings.identity')}</legend>
        <TextField label={t('settings.djName')} value={djName} onChange={(e) => setDjName(e.target.value)} maxLength={200} />
        <TextAreaField label={t('settings.signature')} value={signature} onChange={(e) => setSignature(e.target.value)} rows={4} maxLength={2000} />
      </fieldset>
      <SelectField label={t('settings.language')} value={language} onChange={(e) => isLang(e.target.value) && setLanguage(e.target.value)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </SelectField>
      <ErrorMessage error={mutation.error} />
      <div role="status">{saved ? <p className="alert ok">{t('settings.saved')}</p> : null}</div>
      {readOnly ? null : (
        <div>
          <button type="submit" className="button primary" disabled={mutation.pending}>
            {t('common.save')}
          </button>
        </div>
      )}
      </fieldset>
    </form>
  );
}

function toStrings(th: Thresholds): Record<keyof Thresholds, string> {
  return Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, String(th[f])])) as Record<keyof Thresholds, string>;
}
