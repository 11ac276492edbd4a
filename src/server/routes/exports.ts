/**
 * Downloads: the clients and gigs CSV, the whole workspace as JSON, and the PDF report. Each is
 * streamed (or, for the PDF, sent whole) as an attachment with its file name.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app/context';
import { csvExport, exportFileName } from '../../app/exports';
import { reportPdf } from '../../app/report';
import { exportWorkspace } from '../../app/workspace-archive';
import { csvExportParamsSchema, reportQuerySchema } from '../../contracts/exports';
import { parseInput } from '../input';
import { sessionOf } from '../session';

function attachment(reply: FastifyReply, type: string, fileName: string): FastifyReply {
  return reply
    .type(type)
    .header(
      'content-disposition',
      `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store');
}

export function exportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/export/:what.csv', async (request, reply) => {
    const { what } = parseInput(csvExportParamsSchema, request.params);
    const { workspace } = sessionOf(request);
    const name = exportFileName(ctx, workspace, what === 'clients' ? 'clients' : 'prestations', 'csv');
    return attachment(reply, 'text/csv; charset=utf-8', name).send(Readable.from(csvExport(ctx, workspace, what)));
  });

  app.get('/api/export/workspace.json', async (request, reply) => {
    const { workspace } = sessionOf(request);
    const name = exportFileName(ctx, workspace, 'espace-de-travail', 'json');
    return attachment(reply, 'application/json; charset=utf-8', name).send(Readable.from(exportWorkspace(ctx, workspace)));
  });

  app.get('/api/report.pdf', async (request, reply) => {
    const query = parseInput(reportQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const { model, pdf } = await reportPdf(ctx, workspace, query);
    return attachment(reply, 'application/pdf', `rapport-${model.asOf}.pdf`).send(pdf);
  });
}
