/** The imports of a workspace: their list, their rejected rows as CSV, and undoing the latest. */
import { getImportRecord, latestUndoableImportId, listImportRecords, undoImportRows } from '../db/import-history';
import type { Workspace } from '../db/workspaces';
import { rejectionsCsv, type RejectedRow } from '../domain/rejections-csv';
import type { AppContext } from './context';
import { AppError } from './errors';

export interface ImportSummary {
  id: number;
  kind: 'clients' | 'gigs';
  file: string;
  rows: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  createdAt: string;
  undoneAt: string | null;
  undoable: boolean;
}

export async function listImports(ctx: AppContext, workspace: Workspace): Promise<ImportSummary[]> {
  const db = ctx.database.db;
  const [records, latest] = await Promise.all([listImportRecords(db, workspace.id), latestUndoableImportId(db, workspace.id)]);
  return records.map((r) => ({
    id: r.id,
    kind: r.kind,
    file: r.fileName,
    rows: r.rows,
    imported: r.imported,
    updated: r.updated,
    duplicates: r.duplicates,
    rejected: r.rejected,
    createdAt: r.createdAt,
    undoneAt: r.undoneAt,
    undoable: r.id === latest,
  }));
}

export async function rejectedRowsCsv(ctx: AppContext, workspace: Workspace, id: number): Promise<{ fileName: string; csv: string }> {
  const record = await getImportRecord(ctx.database.db, workspace.id, id);
  if (!record) throw new AppError('not_found', 'Import introuvable.');
  const report = JSON.parse(record.report) as { rejected?: RejectedRow[] };
  const base = record.fileName.replace(/\.[^.]*$/, '');
  return { fileName: `${base}-lignes-rejetees.csv`, csv: rejectionsCsv(report.rejected ?? [], record.rejected) };
}

/** Only the latest import can be undone: an earlier one may have been built upon since. */
export async function undoImport(ctx: AppContext, workspace: Workspace, id: number) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const record = await getImportRecord(trx, workspace.id, id);
    if (!record) throw new AppError('not_found', 'Import introuvable.');
    if ((await latestUndoableImportId(trx, workspace.id)) !== id) {
      throw new AppError('conflict', record.undoneAt ? 'Cet import a déjà été annulé.' : 'Seul le dernier import peut être annulé.');
    }
    return undoImportRows(trx, workspace.id, id, ctx.now().toISOString());
  });
}
