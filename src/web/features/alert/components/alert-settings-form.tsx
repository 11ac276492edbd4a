import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { alertSettingsInputSchema, WEEKDAYS, type AlertSettingsInput, type AlertSettingsJson } from '../../../../contracts/alert';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { SelectField, TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { saveAlertSettings, useAlert } from '../api/alert';
import { weekdayName } from './weekday';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hhmm = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The owner's weekly alert settings: day, hour (workspace's time zone), the address (empty: off). */
export function AlertSettingsPanel({ timeZone }: { timeZone: string }) {
  const { data, error, loading } = useAlert();
  return (
    <>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {data ? <AlertSettingsForm settings={data.settings} timeZone={timeZone} /> : null}
    </>
  );
}

function AlertSettingsForm({ settings, timeZone }: { settings: AlertSettingsJson; timeZone: string }) {
  const { t, lang } = useI18n();
  const save = useMutation(saveAlertSettings);
  const [saved, setSaved] = useState<AlertSettingsJson | null>(null);
  const { register, handleSubmit, formState } = useForm<AlertSettingsInput>({
    resolver: zodResolver(alertSettingsInputSchema),
    defaultValues: { address: settings.address ?? '', day: settings.day, hour: settings.hour },
  });
  const submit = handleSubmit(async (values) => {
    setSaved(null);
    const r = await save.run(values);
    if (r) setSaved(r);
  });
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('alertSettings.title')} noValidate>
      <p className="hint">{t('alertSettings.hint', { timeZone })}</p>
      <TextField
        label={t('alertSettings.address')}
        type="email"
        autoComplete="email"
        hint={formState.errors.address ? undefined : t('alertSettings.addressHint')}
        aria-invalid={formState.errors.address ? true : undefined}
        {...register('address', { setValueAs: (v: string) => v.trim() })}
      />
      {formState.errors.address ? (
        <p className="alert error" role="alert">
          {t('alertSettings.invalidAddress')}
        </p>
      ) : null}
      <div className="grid-2">
        <SelectField label={t('alertSettings.day')} {...register('day', { valueAsNumber: true })}>
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {weekdayName(d, lang)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('alertSettings.hour')} {...register('hour', { valueAsNumber: true })}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {hhmm(h)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.pending}>
          {t('alertSettings.save')}
        </button>
        <span role="status" className="ok-text">
          {saved
            ? saved.enabled
              ? t('alertSettings.savedOn', { day: weekdayName(saved.day, lang), time: hhmm(saved.hour) })
              : t('alertSettings.savedOff')
            : null}
        </span>
      </div>
    </form>
  );
}
