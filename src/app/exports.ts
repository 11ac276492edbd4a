/**
 * The clients and gigs of a workspace as CSV for French Excel (src/domain/csv-export.ts), which
 * the app's own import reads back with the same figures. Written as a stream of chunks, a page of
 * rows at a time, so that memory does not grow with the workspace.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { CSV_BOM, csvExportLine } from '../domain/csv-export';
import { CLIENT_EXPORT_HEADERS, GIG_EXPORT_HEADERS, clientExportRow, gigExportRow } from '../domain/export-rows';
import { classifyClient } from '../domain/segments';
import { pagesOf } from '../db/exports';
import type { Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { fileError } from './errors';
import { thresholdsOf } from './settings';
import { referenceDateOf } from './workspace';

export type CsvExportKind = 'clients' | 'gigs';

/** Clients in the order they were created (an import of the file creates them in the same order), with the totals of all their done gigs. */
export async function* clientsCsv(ctx: AppContext, workspace: Workspace): AsyncGenerator<string> {
  const asOf = referenceDateOf(ctx, workspace);
  const thresholds = thresholdsOf(workspace.settings);
  yield CSV_BOM + csvExportLine(CLIENT_EXPORT_HEADERS);
  for await (const page of pagesOf(ctx.database.db, 'clients', workspace.id)) {
    yield page
      .map((c) => {
        const stats = {
          gigs: c.gig_count,
          revenueCents: Number(c.revenue_cents),
          firstDate: c.first_date,
          lastDate: c.last_date,
          priceMinCents: c.price_min_cents,
          priceMaxCents: c.price_max_cents,
        };
        return csvExportLine(clientExportRow({ ...c, ...stats }, classifyClient(stats, asOf, thresholds)));
      })
      .join('');
  }
}

/** Every gig (done, booked and cancelled), in the order they were recorded. */
export async function* gigsCsv(ctx: AppContext, workspace: Workspace): AsyncGenerator<string> {
  const db = ctx.database.db;
  const names = new Map(
    (await db.selectFrom('clients').select(['id', 'name']).where('workspace_id', '=', workspace.id).execute()).map((c) => [c.id, c.name]),
  );
  yield CSV_BOM + csvExportLine(GIG_EXPORT_HEADERS);
  for await (const page of pagesOf(db, 'gigs', workspace.id)) {
    yield page
      .map((g) =>
        csvExportLine(
          gigExportRow({
            reference: g.reference,
            date: g.date,
            clientName: names.get(g.client_id) ?? '',
            type: g.type,
            venue: g.venue,
            city: g.city,
            amountCents: Number(g.amount_cents),
            durationMinutes: g.duration_minutes,
            status: g.status,
            notes: g.notes,
          }),
        ),
      )
      .join('');
  }
}

export function csvExport(ctx: AppContext, workspace: Workspace, kind: CsvExportKind): AsyncGenerator<string> {
  return kind === 'clients' ? clientsCsv(ctx, workspace) : gigsCsv(ctx, workspace);
}

/** The name a download proposes: `clients-2026-01-14.csv`. */
export function exportFileName(ctx: AppContext, workspace: Workspace, what: string, extension: string): string {
  return `${what}-${referenceDateOf(ctx, workspace)}.${extension}`;
}

/** Writes chunks to a file (the CLI's exports), with an error a DJ can act on when it cannot be written. */
export async function writeChunks(
  path: string,
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  try {
    await once(out, 'open');
    for await (const chunk of chunks) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    // Only the file's own errors are the file's; a database failure goes up as it is.
    if ((e as NodeJS.ErrnoException).syscall === undefined) throw e;
    throw fileError(path, e, true);
  }
  return bytes;
}
