import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Thresholds } from '../../../../contracts/settings';
import { optionalText, useFieldError, wholeNumberText } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { SelectField, TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import type { Settings } from '../api/get-settings';
import { updateSettings } from '../api/update-settings';

const THRESHOLD_FIELDS: (keyof Thresholds)[] = ['activeDays', 'lapsedDays', 'vipMinGigs', 'vipMinRevenue', 'vipActiveMinGigs'];
const MAX_THRESHOLD = 100_000_000;

const settingsFormSchema = z
  .object({
    fixedDate: z.boolean(),
    referenceDate: z.string(),
    thresholds: z.object({
      activeDays: wholeNumberText(1, MAX_THRESHOLD),
      lapsedDays: wholeNumberText(1, MAX_THRESHOLD),
      vipMinGigs: wholeNumberText(1, MAX_THRESHOLD),
      vipMinRevenue: wholeNumberText(0, MAX_THRESHOLD),
      vipActiveMinGigs: wholeNumberText(1, MAX_THRESHOLD),
    }),
    djName: optionalText(200),
    signature: optionalText(2000),
    language: z.enum(['fr', 'en']),
  })
  .refine((v) => !v.fixedDate || /^\d{4}-\d{2}-\d{2}$/.test(v.referenceDate), { message: 'form.required', path: ['referenceDate'] });
type SettingsFormValues = z.input<typeof settingsFormSchema>;

function toForm(settings: Settings): SettingsFormValues {
  return {
    fixedDate: settings.referenceDate !== null,
    referenceDate: settings.referenceDate ?? '',
    thresholds: toStrings(settings.thresholds),
    djName: settings.djName ?? '',
    signature: settings.signature ?? '',
    language: settings.language ?? 'fr',
  };
}

/**
 * Reference date, thresholds (with the guide's defaults), the DJ's name and signature, the language.
 * `readOnly` for a member: the server refuses the change (owner_only), so the form does not offer it.
 */
export function SettingsForm({ settings, readOnly = false }: { settings: Settings; readOnly?: boolean }) {
  const { t, setLang, number, money, date } = useI18n();
  const fieldError = useFieldError();
  const form = useForm({ resolver: zodResolver(settingsFormSchema), defaultValues: toForm(settings) });
  const {
    register,
    formState: { errors },
  } = form;
  const fixedDate = form.watch('fixedDate');
  const referenceDate = form.watch('referenceDate');
  const [saved, setSaved] = useState(false);
  const mutation = useMutation(updateSettings);
  const submit = form.handleSubmit(async (values) => {
    setSaved(false);
    const result = await mutation.run({
      referenceDate: values.fixedDate ? values.referenceDate : null,
      thresholds: values.thresholds,
      djName: values.djName,
      signature: values.signature,
      language: values.language,
    });
    if (result) {
      setLang(values.language);
      setSaved(true);
    }
  });
  const defaultText = (f: keyof Thresholds) =>
    t('settings.default', { value: f === 'vipMinRevenue' ? money(settings.defaults[f]) : number(settings.defaults[f]) });
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {/* One disabled fieldset disables every control inside it. */}
      <fieldset className="plain" disabled={readOnly}>
        <fieldset>
          <legend>{t('settings.referenceDate')}</legend>
          <p className="hint">{t('settings.referenceDateHint', { timeZone: settings.timeZone })}</p>
          <label className="radio">
            <input type="radio" name="reference" checked={!fixedDate} onChange={() => form.setValue('fixedDate', false)} />
            {t('settings.today')}
          </label>
          <label className="radio">
            <input type="radio" name="reference" checked={fixedDate} onChange={() => form.setValue('fixedDate', true)} />
            {t('settings.fixedDate')}
          </label>
          {fixedDate ? (
            <TextField
              label={t('settings.date')}
              type="date"
              {...register('referenceDate')}
              error={fieldError(errors.referenceDate)}
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
                {...register(`thresholds.${f}`)}
                error={fieldError(errors.thresholds?.[f])}
                required
                hint={defaultText(f)}
              />
            ))}
          </div>
          <button type="button" className="button" onClick={() => form.setValue('thresholds', toStrings(settings.defaults))}>
            {t('settings.restoreDefaults')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('settings.identity')}</legend>
          <TextField label={t('settings.djName')} {...register('djName')} error={fieldError(errors.djName)} maxLength={200} />
          <TextAreaField
            label={t('settings.signature')}
            {...register('signature')}
            error={fieldError(errors.signature)}
            rows={4}
            maxLength={2000}
          />
        </fieldset>
        <SelectField label={t('settings.language')} {...register('language')}>
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
