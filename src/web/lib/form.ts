/**
 * Forms (decision 014): react-hook-form holds the values, a zod schema checks them (zod resolver),
 * and the schema's messages are keys of the catalogue, worded in the interface's language when shown.
 */
import type { FieldError } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from './i18n';
import { fr, type MessageKey } from '../../contracts/messages/fr';

function isMessageKey(value: string): value is MessageKey {
  return typeof fr[value as MessageKey] === 'string';
}

/** A required text, trimmed, within `max` characters. */
export function requiredText(max: number) {
  return z.string().trim().min(1, 'form.required').max(max, 'form.tooLong');
}

/** A required text kept as typed (a template's spacing is its author's), not blank, within `max` characters. */
export function nonBlankText(max: number) {
  return z
    .string()
    .refine((s) => s.trim() !== '', 'form.required')
    .pipe(z.string().max(max, 'form.tooLong'));
}

/** An optional text within `max` characters (empty allowed). */
export function optionalText(max: number) {
  return z.string().max(max, 'form.tooLong');
}

/** An e-mail address, trimmed. */
export const emailText = z.string().trim().min(1, 'form.required').pipe(z.email('form.email'));

/** A whole number typed in a number field (a string in the form), within bounds. */
export function wholeNumberText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(1, 'form.required')
    .refine((s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max, 'form.wholeNumber')
    .transform(Number);
}

/** The words of a field's error, for the field's `error` prop. */
export function useFieldError(): (error: FieldError | undefined) => string | undefined {
  const { t } = useI18n();
  return (error) => {
    if (!error) return undefined;
    return error.message && isMessageKey(error.message) ? t(error.message) : t('form.invalid');
  };
}
