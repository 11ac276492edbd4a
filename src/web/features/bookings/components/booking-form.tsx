import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { createBooking, type BookingResult } from '../api/create-booking';
import { useGigsOnDate } from '../api/get-gigs-on-date';

/** « 1 250,50 », « 1250.5 », « 1 250 € »: what a French user types as a price. */
function parsePrice(text: string): number | null {
  const cleaned = text.replace(/[\s\u00A0\u202F€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Nouveau RDV: a booking for one client, warning when the date already holds a gig. */
export function BookingForm({ clientId, onDone }: { clientId: number; onDone: (result: BookingResult) => void }) {
  const { t, money, date: formatDate } = useI18n();
  const [values, setValues] = useState({ date: '', type: '', venue: '', city: '', amount: '', hours: '', notes: '' });
  const [status, setStatus] = useState<'option' | 'confirmed'>('option');
  const [priceError, setPriceError] = useState(false);
  const mutation = useMutation(createBooking);
  const sameDay = useGigsOnDate(values.date);
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parsePrice(values.amount);
    setPriceError(amount === null);
    if (amount === null) return;
    const hours = values.hours ? Number(values.hours.replace(',', '.')) : null;
    const result = await mutation.run({
      clientId,
      date: values.date,
      amount,
      status,
      ...(values.type ? { type: values.type } : {}),
      ...(values.venue ? { venue: values.venue } : {}),
      ...(values.city ? { city: values.city } : {}),
      ...(hours && hours > 0 ? { durationMinutes: Math.round(hours * 60) } : {}),
      ...(values.notes ? { notes: values.notes } : {}),
    });
    if (result) onDone(result);
  };
  const others = sameDay.data?.gigs ?? [];
  return (
    <form className="stack booking-form" onSubmit={(e) => void submit(e)}>
      <TextField label={t('booking.date')} type="date" value={values.date} onChange={set('date')} required />
      <div role="status" aria-live="polite">
        {others.length > 0 ? (
          <div className="alert warn">
            <p>
              <span aria-hidden="true">⚠️ </span>
              {t('booking.sameDay', { date: formatDate(values.date) })}
            </p>
            <ul>
              {others.map((g) => (
                <li key={g.id}>
                  {g.clientName} — {t(`gigStatus.${g.status}`)}
                  {g.venue ? `, ${g.venue}` : ''} ({money(g.amount)})
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <TextField label={t('booking.type')} value={values.type} onChange={set('type')} placeholder={t('booking.typePlaceholder')} />
      <div className="row">
        <TextField label={t('booking.venue')} value={values.venue} onChange={set('venue')} />
        <TextField label={t('booking.city')} value={values.city} onChange={set('city')} />
      </div>
      <div className="row">
        <TextField
          label={t('booking.price')}
          inputMode="decimal"
          value={values.amount}
          onChange={set('amount')}
          required
          aria-invalid={priceError}
          hint={priceError ? t('booking.priceInvalid') : t('booking.priceHint')}
        />
        <TextField label={t('booking.hours')} inputMode="decimal" value={values.hours} onChange={set('hours')} />
      </div>
      <fieldset>
        <legend>{t('booking.status')}</legend>
        <label className="radio">
          <input type="radio" name="status" value="option" checked={status === 'option'} onChange={() => setStatus('option')} />
          {t('gigStatus.option')}
        </label>
        <label className="radio">
          <input type="radio" name="status" value="confirmed" checked={status === 'confirmed'} onChange={() => setStatus('confirmed')} />
          {t('gigStatus.confirmed')}
        </label>
      </fieldset>
      <TextAreaField label={t('booking.notes')} value={values.notes} onChange={set('notes')} rows={3} />
      <ErrorMessage error={mutation.error} />
      <div>
        <button type="submit" className="button primary" disabled={mutation.pending}>
          {t('booking.submit')}
        </button>
      </div>
    </form>
  );
}
