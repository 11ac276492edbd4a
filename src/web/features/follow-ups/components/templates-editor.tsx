import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { nonBlankText, useFieldError } from '../../../lib/form';
import { useI18n } from '../../../lib/i18n';
import { useMutation } from '../../../lib/query';
import { SelectField, TextAreaField, TextField } from '../../../ui/field';
import { ErrorMessage, Loading } from '../../../ui/messages';
import { TEMPLATE_KEYS, type TemplateKey, type TemplateList } from '../../../../contracts/follow-ups';
import { templateProblemLine } from '../../../../contracts/template-words';
import {
  previewTemplate,
  problemsOf,
  resetTemplate,
  saveTemplate,
  useTemplates,
  type Template,
  type TemplatePreview,
} from '../api/templates';

/** What the server checks beyond this (unknown placeholders) comes back as `problems`, shown below the form. */
const templateFormSchema = z.object({ subject: nonBlankText(300), body: nonBlankText(50_000) });

export interface PreviewClient {
  id: number;
  name: string;
}

/** The four e-mail templates, editable, with a live preview on a chosen client; reset to the default text. */
export function TemplatesEditor({ clients }: { clients: PreviewClient[] }) {
  const { t } = useI18n();
  const { data, error, loading } = useTemplates();
  const [key, setKey] = useState<TemplateKey>('vipLapsed');
  // Kept here: the form starts again from the server's text after a save or a reset.
  const [notice, setNotice] = useState<string | null>(null);
  const template = data?.templates.find((x) => x.key === key);
  return (
    <div className="stack">
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      <SelectField
        label={t('templates.choose')}
        value={key}
        onChange={(e) => {
          setNotice(null);
          setKey(TEMPLATE_KEYS.find((k) => k === e.target.value) ?? 'vipLapsed');
        }}
      >
        {TEMPLATE_KEYS.map((k) => (
          <option key={k} value={k}>
            {t(`template.${k}`)}
          </option>
        ))}
      </SelectField>
      {template && data ? (
        <TemplateForm
          key={`${template.key}-${template.subject}-${template.body}`}
          template={template}
          clients={clients}
          placeholders={data.placeholders}
          notice={notice}
          onNotice={setNotice}
        />
      ) : null}
    </div>
  );
}

interface FormProps {
  template: Template;
  clients: PreviewClient[];
  placeholders: TemplateList['placeholders'];
  notice: string | null;
  onNotice: (notice: string | null) => void;
}

function TemplateForm({ template, clients, placeholders, notice, onNotice }: FormProps) {
  const { t } = useI18n();
  const fieldError = useFieldError();
  const form = useForm({ resolver: zodResolver(templateFormSchema), defaultValues: { subject: template.subject, body: template.body } });
  const { errors } = form.formState;
  const [subject, body] = useWatch({ control: form.control, name: ['subject', 'body'] });
  const [clientId, setClientId] = useState<number | undefined>(undefined);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const save = useMutation(saveTemplate);
  const reset = useMutation(resetTemplate);
  useEffect(() => {
    let stop = false;
    const timer = setTimeout(() => {
      previewTemplate({ subject, body, ...(clientId ? { clientId } : {}) }).then(
        (p) => {
          if (!stop) setPreview(p);
        },
        () => undefined,
      );
    }, 300);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [subject, body, clientId]);
  const saveProblems = save.error ? problemsOf(save.error.details) : [];
  const problems = saveProblems.length > 0 ? saveProblems : (preview?.problems ?? []);
  const submit = form.handleSubmit(async (values) => {
    onNotice(null);
    if (await save.run({ key: template.key, ...values })) onNotice(t('templates.saved'));
  });
  const backToDefault = async () => {
    onNotice(null);
    if (await reset.run(template.key)) onNotice(t('templates.resetDone'));
  };
  const edited = subject !== template.subject || body !== template.body;
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">{template.custom ? t('templates.custom') : t('templates.default')}</p>
      <TextField label={t('generator.subject')} {...form.register('subject')} error={fieldError(errors.subject)} required maxLength={300} />
      <TextAreaField label={t('generator.body')} {...form.register('body')} error={fieldError(errors.body)} rows={14} required />
      <details>
        <summary>{t('templates.placeholders')}</summary>
        <ul className="placeholders">
          {placeholders.map((name) => (
            <li key={name}>
              <code>{`{{${name}}}`}</code> — {t(`templates.placeholder.${name}`)}
            </li>
          ))}
        </ul>
      </details>
      {problems.length > 0 ? (
        <div className="alert error" role="alert" data-testid="template-problems">
          <p>{t('templates.problems')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}-${p.index}`}>{templateProblemLine(p, t)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {saveProblems.length === 0 ? <ErrorMessage error={save.error ?? reset.error} /> : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.pending || !edited}>
          {t('templates.save')}
        </button>
        <button type="button" className="button" disabled={reset.pending || !template.custom} onClick={() => void backToDefault()}>
          {t('templates.reset')}
        </button>
        <span role="status" className="ok-text">
          {notice}
        </span>
      </div>
      <fieldset className="preview-box">
        <legend>{t('templates.preview')}</legend>
        <SelectField
          label={t('templates.previewClient')}
          value={clientId ?? ''}
          onChange={(e) => setClientId(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">{t('templates.sampleClient')}</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        {preview?.rendered ? (
          <div className="rendered" data-testid="template-preview" aria-live="polite">
            <p>
              <strong>{preview.rendered.subject}</strong>
            </p>
            <p className="note-text">{preview.rendered.body}</p>
          </div>
        ) : preview ? (
          <p className="muted">{t('templates.previewBlocked')}</p>
        ) : (
          <Loading />
        )}
      </fieldset>
    </form>
  );
}
