/** The guide's demo portfolio, offered to an empty workspace. */
import { fileURLToPath } from 'node:url';
import { isWorkspaceEmpty, updateWorkspace, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError } from './errors';
import { importFile, type ImportReport } from './import-file';

const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));
/** The guide's "date actuelle de référence". */
export const DEMO_REFERENCE_DATE = '2026-01-14';

export interface DemoLoad {
  clients: ImportReport;
  gigs: ImportReport;
  referenceDate: string;
}

/** Imports the demo files (again: the second time adds nothing) and fixes the reference date on the demo's. */
export async function loadDemo(ctx: AppContext, workspace: Workspace): Promise<DemoLoad> {
  const clients = await importFile(ctx, workspace, {
    kind: 'clients',
    path: `${DEMO_DIR}clients_dj_clean.csv`,
    overrides: {},
    dryRun: false,
  });
  const gigs = await importFile(ctx, workspace, {
    kind: 'gigs',
    path: `${DEMO_DIR}prestations_dj_clean.csv`,
    overrides: {},
    dryRun: false,
  });
  await updateWorkspace(ctx.database.db, workspace.id, { referenceDate: DEMO_REFERENCE_DATE });
  return { clients, gigs, referenceDate: DEMO_REFERENCE_DATE };
}

/** The web app offers the demo to an empty workspace only, so that it never mixes with real data. */
export async function loadDemoIntoEmptyWorkspace(ctx: AppContext, workspace: Workspace): Promise<DemoLoad> {
  if (!(await isWorkspaceEmpty(ctx.database.db, workspace.id))) {
    throw AppError.worded('conflict', 'error.demo.notEmpty');
  }
  return loadDemo(ctx, workspace);
}
