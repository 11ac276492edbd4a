/** A labelled form control: the label is always visible and tied to its control, and so is its error. */
import { useId, type ComponentProps, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** The words of a validation error (lib/form.ts, useFieldError). */
  error?: string;
}

/** A field's hint or error, referenced by the control's aria-describedby. */
function Note({ id, text, className }: { id: string; text: ReactNode; className: string }) {
  return text ? (
    <span id={id} className={className}>
      {text}
    </span>
  ) : null;
}

/** The attributes that tie a control to its hint and error. */
function described(id: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

function Field({ id, label, hint, error, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <Note id={`${id}-hint`} text={hint} className="hint" />
      <Note id={`${id}-error`} text={error} className="field-error" />
    </div>
  );
}

export function TextField({ label, hint, error, ...input }: FieldProps & ComponentProps<'input'>) {
  const generated = useId();
  const id = input.id ?? generated;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input {...described(id, hint, error)} {...input} />
    </Field>
  );
}

export function TextAreaField({ label, hint, error, ...textarea }: FieldProps & ComponentProps<'textarea'>) {
  const generated = useId();
  const id = textarea.id ?? generated;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea {...described(id, hint, error)} {...textarea} />
    </Field>
  );
}

export function SelectField({ label, hint, error, children, ...select }: FieldProps & ComponentProps<'select'>) {
  const generated = useId();
  const id = select.id ?? generated;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select {...described(id, hint, error)} {...select}>
        {children}
      </select>
    </Field>
  );
}
