import { refreshClientTotals } from '../db/clients';
import { bumpDataVersion, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';

/** The guide's "Recalculer segmentations": rebuilds every stored total from the gigs. */
export async function recompute(ctx: AppContext, workspace: Workspace): Promise<{ clients: number; gigs: number }> {
  return ctx.database.bulkTransaction(async (trx) => {
    await refreshClientTotals(trx, workspace.id);
    await bumpDataVersion(trx, workspace.id);
    const row = await trx
      .selectFrom('clients')
      .select((eb) => [eb.fn.countAll<number>().as('clients'), eb.fn.sum<number>('gig_count').as('gigs')])
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow();
    return { clients: Number(row.clients), gigs: Number(row.gigs ?? 0) };
  });
}
