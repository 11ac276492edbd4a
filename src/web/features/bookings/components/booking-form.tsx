import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useController, useForm, type Control } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../../lib/i18n';
import type { MessageKey } from '../../../../contracts/messages';
import { useMutation } from '../../../lib/query';
import { TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { createBooking, type BookingResult } from '../api/create-booking';
import { useAgenda } from '../api/get-agenda';
import { useGigsOnDate } from '../api/get-gigs-on-date';
import { suggestBooking } from '../utils/suggest';

/** « 1 250,50 », « 1250.5 », « 1 250 € »: what a French user types as a price. */
function parsePrice(text: string): number | null {
  const cleaned = text.replace(/[\s\u00A0\u202F€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** « 4 », « 1,5 »: hours as typed, to minutes. */
function parseHours(text: string): number | null {
  const hours = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(hours) && hours > 0 && hours <= 168 ? Math.round(hours * 60) : null;
}

const text = (max: number) => z.string().trim().max(max);
const PRICE_INVALID: MessageKey = 'booking.priceInvalid';
const PLAYED_REQUIRED: MessageKey = 'booking.playedRequired';

/** The form's values as typed; the checks name a message of messages.ts, shown in the user's language. */
function bookingFormSchema(today: string | null) {
  return z
    .object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      type: text(200),
      venue: text(200),
      city: text(200),
      amount: z.string().refine((v) => parsePrice(v) !== null, PRICE_INVALID),
      hours: z.string().refine((v) => v.trim() === '' || parseHours(v) !== null, 'booking.hoursInvalid'),
      status: z.enum(['option', 'confirmed']),
      played: z.boolean(),
      notes: text(5000),
    })
    .refine((v) => today === null || v.date >= today || v.played, { message: PLAYED_REQUIRED, path: ['played'] });
}
type BookingFormValues = z.input<ReturnType<typeof bookingFormSchema>>;

function FormTextField({
  control,
  name,
  label,
  ...rest
}: { control: Control<BookingFormValues>; name: 'date' | 'type' | 'venue' | 'city' | 'amount' | 'hours'; label: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  'name'
> & { hint?: string }) {
  const { field } = useController({ control, name });
  return <TextField label={label} name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} {...rest} />;
}

/**
 * Nouveau RDV: a booking for one client. A date already past asks whether it is a gig already
 * played (then recorded as done); a day that holds another gig warns, saying whether that one is
 * already played or still to come; the client's history suggests the usual type, venue and price.
 */
export function BookingForm({
  clientId,
  history,
  onDone,
}: {
  clientId: number;
  /** The client's gigs, for the suggestions (the route has them already). */
  history: Parameters<typeof suggestBooking>[0];
  onDone: (result: BookingResult) => void;
}) {
  const { t, money, date: formatDate } = useI18n();
  const today = useAgenda(null).data?.today ?? null;
  const suggestion = useMemo(() => suggestBooking(history), [history]);
  const schema = useMemo(() => bookingFormSchema(today), [today]);
  const { control, handleSubmit, watch, setValue, formState } = useForm<BookingFormValues>({
    resolver: zodResolver(schema),
    defaultValues: { date: '', type: '', venue: '', city: '', amount: '', hours: '', status: 'option', played: false, notes: '' },
  });
  const mutation = useMutation(createBooking);
  const date = watch('date');
  const past = today !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) && date < today;
  const sameDay = useGigsOnDate(date);
  const others = sameDay.data?.gigs ?? [];
  const isPlayed = (g: { status: string; date: string }) => g.status === 'done' || (today !== null && g.date < today);
  const status = useController({ control, name: 'status' }).field;
  const played = useController({ control, name: 'played' }).field;
  const notes = useController({ control, name: 'notes' }).field;
  const errorText = (message: string | undefined) => (message ? t(message as MessageKey) : undefined);

  const submit = handleSubmit(async (v) => {
    const durationMinutes = parseHours(v.hours);
    const result = await mutation.run({
      clientId,
      date: v.date,
      amount: parsePrice(v.amount) ?? 0,
      status: past ? 'done' : v.status,
      ...(v.type.trim() ? { type: v.type.trim() } : {}),
      ...(v.venue.trim() ? { venue: v.venue.trim() } : {}),
      ...(v.city.trim() ? { city: v.city.trim() } : {}),
      ...(durationMinutes !== null ? { durationMinutes } : {}),
      ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
    });
    if (result) onDone(result);
  });
  const useSuggestion = () => {
    if (!suggestion) return;
    if (suggestion.type) setValue('type', suggestion.type);
    if (suggestion.venue) setValue('venue', suggestion.venue);
    if (suggestion.city) setValue('city', suggestion.city);
    if (suggestion.amount !== null) setValue('amount', String(suggestion.amount).replace('.', ','), { shouldValidate: true });
  };

  return (
    <form className="stack booking-form" onSubmit={(e) => void submit(e)} noValidate>
      {suggestion ? (
        <div className="alert info suggestion" data-testid="booking-suggestion">
          <p>
            {t('booking.suggestion', {
              values: [
                suggestion.type,
                [suggestion.venue, suggestion.city].filter(Boolean).join(', '),
                suggestion.amount !== null ? money(suggestion.amount) : null,
              ]
                .filter(Boolean)
                .join(' · '),
            })}
          </p>
          <button type="button" className="button" onClick={useSuggestion}>
            {t('booking.useSuggestion')}
          </button>
        </div>
      ) : null}
      <FormTextField control={control} name="date" label={t('booking.date')} type="date" required />
      {past ? (
        <fieldset className="alert warn past-date">
          <legend>{t('booking.pastQuestion', { date: formatDate(date) })}</legend>
          <label className="radio">
            <input
              type="checkbox"
              name={played.name}
              checked={played.value}
              onChange={(e) => played.onChange(e.target.checked)}
              onBlur={played.onBlur}
              aria-invalid={formState.errors.played ? true : undefined}
            />
            {t('booking.pastPlayed')}
          </label>
          {formState.errors.played ? (
            <p className="hint error" role="alert">
              {errorText(formState.errors.played.message)}
            </p>
          ) : (
            <p className="hint">{t('booking.pastHint')}</p>
          )}
        </fieldset>
      ) : null}
      <div role="status" aria-live="polite">
        {others.length > 0 ? (
          <div className="alert warn">
            <p>
              <span aria-hidden="true">⚠️ </span>
              {t(others.every(isPlayed) ? 'booking.sameDayPlayed' : 'booking.sameDay', { date: formatDate(date) })}
            </p>
            <ul>
              {others.map((g) => (
                <li key={g.id}>
                  {g.clientName} — {t(isPlayed(g) ? 'booking.alreadyPlayed' : 'booking.alreadyPlanned')} ({t(`gigStatus.${g.status}`)}
                  {g.venue ? `, ${g.venue}` : ''}, {money(g.amount)})
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <FormTextField control={control} name="type" label={t('booking.type')} placeholder={t('booking.typePlaceholder')} />
      <div className="row">
        <FormTextField control={control} name="venue" label={t('booking.venue')} />
        <FormTextField control={control} name="city" label={t('booking.city')} />
      </div>
      <div className="row">
        <FormTextField
          control={control}
          name="amount"
          label={t('booking.price')}
          inputMode="decimal"
          required
          aria-invalid={formState.errors.amount ? true : undefined}
          hint={errorText(formState.errors.amount?.message) ?? t('booking.priceHint')}
        />
        <FormTextField
          control={control}
          name="hours"
          label={t('booking.hours')}
          inputMode="decimal"
          aria-invalid={formState.errors.hours ? true : undefined}
          {...(formState.errors.hours ? { hint: errorText(formState.errors.hours.message) } : {})}
        />
      </div>
      {past ? null : (
        <fieldset>
          <legend>{t('booking.status')}</legend>
          <label className="radio">
            <input
              type="radio"
              name={status.name}
              value="option"
              checked={status.value === 'option'}
              onChange={() => status.onChange('option')}
            />
            {t('gigStatus.option')}
          </label>
          <label className="radio">
            <input
              type="radio"
              name={status.name}
              value="confirmed"
              checked={status.value === 'confirmed'}
              onChange={() => status.onChange('confirmed')}
            />
            {t('gigStatus.confirmed')}
          </label>
        </fieldset>
      )}
      <TextAreaField
        label={t('booking.notes')}
        name={notes.name}
        value={notes.value}
        onChange={notes.onChange}
        onBlur={notes.onBlur}
        rows={3}
      />
      <ErrorMessage error={mutation.error} />
      <div>
        <button type="submit" className="button primary" disabled={mutation.pending || formState.isSubmitting}>
          {t(past ? 'booking.submitPlayed' : 'booking.submit')}
        </button>
      </div>
    </form>
  );
}
