import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Note } from '../../../../contracts/clients';
import { requiredText, useFieldError } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { TextAreaField } from '../../../ui/field';
import { ErrorMessage } from '../../../ui/messages';
import { createNote } from '../api/create-note';
import { deleteNote } from '../api/delete-note';
import { updateNote } from '../api/update-note';
import { ConfirmButton } from '../../../ui/confirm-button';

const noteSchema = z.object({ text: requiredText(5000) });

/** A note's text, checked by `noteSchema`: one form for a new note and for an edited one. */
function useNoteForm(id: string, text: string) {
  const fieldError = useFieldError();
  const form = useForm({ resolver: zodResolver(noteSchema), defaultValues: { text } });
  return {
    form,
    textProps: { id, ...form.register('text'), error: fieldError(form.formState.errors.text), rows: 3, required: true, maxLength: 5000 },
  };
}

/** A client's notes, newest first, dated; added, edited and deleted in place. */
export function NotesPanel({ clientId, notes, focusForm }: { clientId: number; notes: Note[]; focusForm: boolean }) {
  const { t } = useI18n();
  const { form, textProps } = useNoteForm('new-note', '');
  const create = useMutation(createNote);
  useEffect(() => {
    if (focusForm) {
      form.setFocus('text');
      document.getElementById('new-note')?.scrollIntoView({ block: 'center' });
    }
  }, [focusForm, form]);
  const submit = form.handleSubmit(async ({ text }) => {
    if (await create.run({ clientId, text })) form.reset({ text: '' });
  });
  const sorted = [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="panel" aria-labelledby="notes" id="notes-section">
      <h2 id="notes">{t('notes.title')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField label={t('notes.new')} {...textProps} />
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" className="button primary" disabled={create.pending}>
            {t('notes.add')}
          </button>
        </div>
      </form>
      {sorted.length === 0 ? <p className="empty">{t('notes.empty')}</p> : null}
      <ul className="notes">
        {sorted.map((n) => (
          <NoteItem key={n.id} clientId={clientId} note={n} />
        ))}
      </ul>
    </section>
  );
}

function NoteItem({ clientId, note }: { clientId: number; note: Note }) {
  const { t, dateTime } = useI18n();
  const [editing, setEditing] = useState(false);
  const { form, textProps } = useNoteForm(`note-${note.id}`, note.text);
  const update = useMutation(updateNote);
  const remove = useMutation(deleteNote);
  const save = form.handleSubmit(async ({ text }) => {
    if (await update.run({ clientId, id: note.id, text })) setEditing(false);
  });
  const edited = note.updatedAt !== note.createdAt;
  return (
    <li className="note">
      <p className="muted">
        <time dateTime={note.createdAt}>{dateTime(note.createdAt)}</time>
        {edited ? ` · ${t('notes.edited', { date: dateTime(note.updatedAt) })}` : ''}
      </p>
      {editing ? (
        <form className="stack" onSubmit={(e) => void save(e)} noValidate>
          <TextAreaField label={t('notes.editLabel')} {...textProps} />
          <ErrorMessage error={update.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={update.pending}>
              {t('common.save')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                form.reset({ text: note.text });
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="note-text">{note.text}</p>
          <ErrorMessage error={remove.error} />
          <div className="actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
            <ConfirmButton
              label={t('common.delete')}
              confirmLabel={t('notes.confirmDelete')}
              pending={remove.pending}
              onConfirm={() => remove.run({ clientId, id: note.id })}
            />
          </div>
        </>
      )}
    </li>
  );
}
