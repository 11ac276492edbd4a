/** The e-mail templates of the settings: list, save (refused with its problems), reset, live preview. */
import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate, useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { templateKeySchema, type TemplateKey } from './schemas';

const textSchema = z.object({ subject: z.string(), body: z.string() });
export const templateSchema = textSchema.extend({ key: templateKeySchema, name: z.string(), custom: z.boolean(), defaults: textSchema });
export type Template = z.infer<typeof templateSchema>;

const listSchema = z.object({ templates: z.array(templateSchema), placeholders: z.array(z.object({ name: z.string(), description: z.string() })) });
export type TemplateList = z.infer<typeof listSchema>;

export const templateProblemSchema = z.object({ field: z.enum(['subject', 'body']), index: z.number(), token: z.string(), message: z.string() });
export type TemplateProblem = z.infer<typeof templateProblemSchema>;

export function getTemplates(): Promise<TemplateList> {
  return request('GET', '/api/templates', listSchema);
}

export function useTemplates() {
  return useQuery(keys.templates, getTemplates);
}

const oneSchema = z.object({ template: templateSchema });

export async function saveTemplate({ key, subject, body }: { key: TemplateKey; subject: string; body: string }): Promise<Template> {
  const { template } = await request('PUT', `/api/templates/${key}`, oneSchema, { json: { subject, body } });
  invalidate(keys.templates, keys.anyDraft, keys.vipBatch);
  return template;
}

export async function resetTemplate(key: TemplateKey): Promise<Template> {
  const { template } = await request('DELETE', `/api/templates/${key}`, oneSchema);
  invalidate(keys.templates, keys.anyDraft, keys.vipBatch);
  return template;
}

const previewSchema = z.object({ problems: z.array(templateProblemSchema), rendered: textSchema.nullable() });
export type TemplatePreview = z.infer<typeof previewSchema>;

/** Never refused for a bad template: the problems come back instead of the text. */
export function previewTemplate(input: { subject: string; body: string; clientId?: number }): Promise<TemplatePreview> {
  return request('POST', '/api/templates/preview', previewSchema, { json: input });
}

/** A refused save's problems, read from the error's details. */
export function problemsOf(details: Record<string, unknown>): TemplateProblem[] {
  const parsed = z.array(templateProblemSchema).safeParse(details.problems);
  return parsed.success ? parsed.data : [];
}
