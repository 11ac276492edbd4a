import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context';
import { loadDemoIntoEmptyWorkspace } from '../../app/demo';
import { AppError } from '../../app/errors';
import { importFile } from '../../app/import-file';
import { listImports, rejectedRowsCsv, undoImport } from '../../app/import-history';
import { previewImport } from '../../app/import-preview';
import { recompute } from '../../app/recompute';
import { idParams } from '../../contracts/common';
import { importQuerySchema } from '../../contracts/imports';
import { NDJSON, type ImportProgress, type ImportProgressLine, type ImportReportJson } from '../../contracts/import-progress';
import { apiErrorOf } from '../errors';
import { langOf } from '../../contracts/messages';
import { parseInput } from '../input';
import { sessionOf } from '../session';

/** The largest file an import accepts (a million gigs is about 100 MB of CSV). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Streams the request body to a temporary file (the import reads its file twice, and a large
 * one must not sit in memory), runs `work` on it, and removes it whatever happens.
 */
async function withUploadedFile<T>(body: unknown, work: (path: string) => Promise<T>): Promise<T> {
  if (!(body instanceof Readable)) throw AppError.worded('invalid_input', 'error.upload.raw');
  const dir = await mkdtemp(join(tmpdir(), 'djbooker-upload-'));
  const path = join(dir, 'upload.csv');
  try {
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) done(AppError.worded('invalid_file', 'error.upload.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
        else done(null, chunk);
      },
    });
    await pipeline(body, limit, createWriteStream(path));
    if (size === 0) throw AppError.worded('invalid_file', 'error.upload.empty');
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Uploads are streamed by the routes themselves, past Fastify's in-memory body limit.
  app.addContentTypeParser('application/octet-stream', { bodyLimit: MAX_UPLOAD_BYTES }, (_request, payload, done) => done(null, payload));

  app.post('/api/imports/preview', async (request) => {
    const query = parseInput(importQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const fileName = query.fileName ?? `${query.kind}.csv`;
    return withUploadedFile(request.body, (path) =>
      previewImport(ctx, workspace, { kind: query.kind, path, fileName, overrides: query.map ?? {} }),
    );
  });

  app.post('/api/imports', async (request, reply) => {
    const query = parseInput(importQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const fileName = query.fileName ?? `${query.kind}.csv`;
    const run = (onProgress?: (p: ImportProgress) => void) =>
      withUploadedFile(request.body, (path) =>
        importFile(ctx, workspace, { kind: query.kind, path, fileName, overrides: query.map ?? {}, dryRun: false }, onProgress),
      ).then(({ kind: _kind, dryRun: _dryRun, ...json }): ImportReportJson => json);
    if (!request.headers.accept?.includes(NDJSON)) return run();

    // Progress asked for: once the file is received and being read, one JSON line per step,
    // then the report. An error before that is an ordinary error answer; after, the last line.
    const lines = new PassThrough();
    let started = false;
    const write = (line: ImportProgressLine) => {
      if (!started) {
        started = true;
        void reply.type(NDJSON).header('cache-control', 'no-store').send(lines);
      }
      lines.write(`${JSON.stringify(line)}\n`);
    };
    try {
      const report = await run((progress) => write({ type: 'progress', progress }));
      write({ type: 'report', report });
    } catch (e) {
      if (!started) throw e;
      write({ type: 'error', ...apiErrorOf(e as Error, request.log, langOf(request.headers['accept-language'])).body });
    }
    lines.end();
    return reply;
  });

  app.get('/api/imports', async (request) => {
    const { workspace } = sessionOf(request);
    return { imports: await listImports(ctx, workspace) };
  });

  app.get('/api/imports/:id/rejected.csv', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    const { fileName, csv } = await rejectedRowsCsv(ctx, workspace, id);
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      .send(csv);
  });

  app.post('/api/imports/:id/undo', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    return undoImport(ctx, workspace, id);
  });

  app.post('/api/demo', async (request) => {
    const { workspace } = sessionOf(request);
    const { clients, gigs, referenceDate } = await loadDemoIntoEmptyWorkspace(ctx, workspace);
    const summary = (r: typeof clients) => ({
      id: r.id,
      file: r.file,
      rows: r.rows,
      imported: r.imported,
      updated: r.updated,
      duplicates: r.duplicates,
      rejected: r.rejected,
    });
    return { referenceDate, clients: summary(clients), gigs: summary(gigs) };
  });

  app.post('/api/recompute', async (request) => {
    const { workspace } = sessionOf(request);
    return recompute(ctx, workspace);
  });
}
