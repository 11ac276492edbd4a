/**
 * The follow-up templates of a workspace: the default text of each, or the one the workspace
 * edited (checked at save time, so that a broken placeholder is never sent later).
 */
import type { Db } from '../../db/connection';
import { deleteEditedTemplate, listEditedTemplates, upsertEditedTemplate } from '../../db/follow-ups';
import type { Workspace } from '../../db/workspaces';
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_KEYS,
  validateTemplate,
  type MessageText,
  type TemplateKey,
  type TemplateProblem,
} from '../../domain/follow-ups/templates';
import type { AppContext } from '../context';
import { message } from '../../contracts/messages';
import { templateProblemsText } from '../../contracts/template-words';
import { AppError } from '../errors';

export interface TemplateView extends MessageText {
  key: TemplateKey;
  /** Whether the workspace edited it (false: the default text). */
  custom: boolean;
  defaults: MessageText;
}

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(value);
}

export async function workspaceTemplates(db: Db, workspaceId: number): Promise<Record<TemplateKey, TemplateView>> {
  const rows = new Map((await listEditedTemplates(db, workspaceId)).map((r) => [r.key, r]));
  const out = {} as Record<TemplateKey, TemplateView>;
  for (const key of TEMPLATE_KEYS) {
    const row = rows.get(key);
    const text = row ? { subject: row.subject, body: row.body } : DEFAULT_TEMPLATES[key];
    out[key] = { key, ...text, custom: row !== undefined, defaults: DEFAULT_TEMPLATES[key] };
  }
  return out;
}

export async function listTemplates(ctx: AppContext, workspace: Workspace): Promise<TemplateView[]> {
  const all = await workspaceTemplates(ctx.database.db, workspace.id);
  return TEMPLATE_KEYS.map((k) => all[k]);
}

function templateError(problems: TemplateProblem[]): AppError {
  return AppError.composed('invalid_input', (lang) => templateProblemsText(problems, (key, vars) => message(lang, key, vars)), {
    problems,
  });
}

/** Saves an edited template; an unknown or unclosed placeholder is refused here, never sent later. */
export async function saveTemplate(ctx: AppContext, workspace: Workspace, key: string, text: MessageText): Promise<TemplateView> {
  if (!isTemplateKey(key)) throw AppError.worded('not_found', 'error.templateUnknown', { key });
  const problems = validateTemplate(text);
  if (problems.length > 0) throw templateError(problems);
  await upsertEditedTemplate(ctx.database.db, workspace.id, key, text.subject, text.body, ctx.now().toISOString());
  return (await workspaceTemplates(ctx.database.db, workspace.id))[key];
}

export async function resetTemplate(ctx: AppContext, workspace: Workspace, key: string): Promise<TemplateView> {
  if (!isTemplateKey(key)) throw AppError.worded('not_found', 'error.templateUnknown', { key });
  await deleteEditedTemplate(ctx.database.db, workspace.id, key);
  return (await workspaceTemplates(ctx.database.db, workspace.id))[key];
}
