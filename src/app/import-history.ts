/** The imports of a workspace: their list, their rejected rows as CSV, and undoing the latest. */
import { getImportRecord, latestUndoableImportId, listImportRecords, undoImportRows } from '../db/import-history';
import type { Workspace } from '../db/workspaces';
import { rejectionText } from '../contracts/import-words';
import type { Rejection } from '../contracts/imports';
import { message, wording } from '../contracts/messages';
import { rejectionsCsv } from '../domain/rejections-csv';
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
  if (!record) throw AppError.worded('not_found', 'error.importNotFound');
  // Reports stored before the codes hold each reason as French text (`message`): shown as written.
  const report = JSON.parse(record.report) as {
    rejected?: (Rejection | { line: number; field: string | null; value: string; message: string })[];
  };
  // The file is read away from the app, in the workspace's language.
  const lang = workspace.settings.language ?? 'fr';
  const w = wording(lang);
  const rows = (report.rejected ?? []).map((r) => ({ line: r.line, field: r.field, value: r.value, reason: rejectionText(r, w) }));
  const labels = {
    columns: [
      message(lang, 'import.line'),
      message(lang, 'import.csv.field'),
      message(lang, 'import.value'),
      message(lang, 'import.reason'),
    ],
    notKept: (more: number, kept: number) => message(lang, 'import.csv.more', { more, kept }),
  } as const;
  const base = record.fileName.replace(/\.[^.]*$/, '');
  return { fileName: `${base}-lignes-rejetees.csv`, csv: rejectionsCsv(rows, labels, record.rejected) };
}

/** Only the latest import can be undone: an earlier one may have been built upon since. */
export async function undoImport(ctx: AppContext, workspace: Workspace, id: number) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const record = await getImportRecord(trx, workspace.id, id);
    if (!record) throw AppError.worded('not_found', 'error.importNotFound');
    if ((await latestUndoableImportId(trx, workspace.id)) !== id) {
      throw AppError.worded('conflict', record.undoneAt ? 'error.import.alreadyUndone' : 'error.import.lastOnly');
    }
    return undoImportRows(trx, workspace.id, id, ctx.now().toISOString());
  });
}
