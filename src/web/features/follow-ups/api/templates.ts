/** The e-mail templates of the settings: list, save (refused with its problems), reset, live preview. */
import {
  templateListSchema,
  templatePreviewSchema,
  templateResponseSchema,
  type Template,
  type TemplateKey,
  type TemplateList,
  type TemplatePreview,
  type TemplateProblem,
} from '../../../../contracts/follow-ups';
import type { ErrorDetailsJson } from '../../../../contracts/errors';
import { request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type { Template, TemplateList, TemplatePreview, TemplateProblem } from '../../../../contracts/follow-ups';

export function getTemplates(): Promise<TemplateList> {
  return request('GET', '/api/templates', templateListSchema);
}

export function useTemplates() {
  return useQuery(keys.templates, getTemplates);
}

export async function saveTemplate({ key, subject, body }: { key: TemplateKey; subject: string; body: string }): Promise<Template> {
  const { template } = await request('PUT', `/api/templates/${key}`, templateResponseSchema, { json: { subject, body } });
  invalidate(keys.templates, keys.anyDraft, keys.vipBatch);
  return template;
}

export async function resetTemplate(key: TemplateKey): Promise<Template> {
  const { template } = await request('DELETE', `/api/templates/${key}`, templateResponseSchema);
  invalidate(keys.templates, keys.anyDraft, keys.vipBatch);
  return template;
}

/** Never refused for a bad template: the problems come back instead of the text. */
export function previewTemplate(input: { subject: string; body: string; clientId?: number }): Promise<TemplatePreview> {
  return request('POST', '/api/templates/preview', templatePreviewSchema, { json: input });
}

/** A refused save's problems, from the error's details (already parsed by the contract). */
export function problemsOf(details: ErrorDetailsJson): TemplateProblem[] {
  return details.problems ?? [];
}
