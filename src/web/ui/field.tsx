/** A labelled form control: the label is always visible and tied to its control. */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  hint?: ReactNode;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <span id={id} className="hint">
      {hint}
    </span>
  ) : null;
}

export function TextField({ label, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

export function TextAreaField({ label, hint, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...textarea} />
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

export function SelectField({ label, hint, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...select}>
        {children}
      </select>
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}
