/**
 * `POST /api/workspace/import`: a workspace JSON file (docs/workspace-export.md) uploaded by the
 * owner into an empty workspace, through the CLI's use-case. The body is the file's text, read as a
 * string up to the web's limit; anything not empty is refused (409 conflict), nothing is written.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context';
import { AppError } from '../../app/errors';
import { importWorkspaceText } from '../../app/workspace-archive';
import { sessionOf } from '../session';

/** Larger files go through `djbooker import workspace` (512 MB). */
export const MAX_WORKSPACE_UPLOAD_BYTES = 64 * 1024 * 1024;

export function workspaceImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  // In this plugin's scope only: the file's text as a string, not parsed by Fastify.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'string', bodyLimit: MAX_WORKSPACE_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.post('/api/workspace/import', async (request) => {
    if (typeof request.body !== 'string') throw AppError.worded('invalid_input', 'error.workspaceFileExpected');
    return importWorkspaceText(ctx, sessionOf(request).workspace, request.body);
  });
}
