import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Note } from '../../../../contracts/clients';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { ErrorMessage } from '../../../ui/messages';
import { createNote } from '../api/create-note';
import { deleteNote } from '../api/delete-note';
import { updateNote } from '../api/update-note';
import { ConfirmButton } from '../../../ui/confirm-button';

/** A client's notes, newest first, dated; added, edited and deleted in place. */
export function NotesPanel({ clientId, notes, focusForm }: { clientId: number; notes: Note[]; focusForm: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const create = useMutation(createNote);
  useEffect(() => {
    if (focusForm) {
      textarea.current?.focus();
      textarea.current?.scrollIntoView({ block: 'center' });
    }
  }, [focusForm]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await create.run({ clientId, text })) setText('');
  };
  const sorted = [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="panel" aria-labelledby="notes" id="notes-section">
      <h2 id="notes">{t('notes.title')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label htmlFor="new-note">{t('notes.new')}</label>
        <textarea id="new-note" ref={textarea} value={text} onChange={(e) => setText(e.target.value)} rows={3} required maxLength={5000} />
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" className="button primary" disabled={create.pending || text.trim() === ''}>
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
  const [text, setText] = useState(note.text);
  const update = useMutation(updateNote);
  const remove = useMutation(deleteNote);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await update.run({ clientId, id: note.id, text })) setEditing(false);
  };
  const edited = note.updatedAt !== note.createdAt;
  return (
    <li className="note">
      <p className="muted">
        <time dateTime={note.createdAt}>{dateTime(note.createdAt)}</time>
        {edited ? ` · ${t('notes.edited', { date: dateTime(note.updatedAt) })}` : ''}
      </p>
      {editing ? (
        <form className="stack" onSubmit={(e) => void save(e)}>
          <label htmlFor={`note-${note.id}`}>{t('notes.editLabel')}</label>
          <textarea id={`note-${note.id}`} value={text} onChange={(e) => setText(e.target.value)} rows={3} required maxLength={5000} />
          <ErrorMessage error={update.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={update.pending}>
              {t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => { setText(note.text); setEditing(false); }}>
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
