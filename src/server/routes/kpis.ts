import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context';
import { getDashboard, getKpis } from '../../app/kpis';
import { kpisQuerySchema } from '../../contracts/kpis';
import { parseInput } from '../input';
import { sessionOf } from '../session';

/** The guide's KPIs and the analytics page (docs/api.md « KPIs and analytics »). */
export function kpiRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/kpis', async (request) => {
    const query = parseInput(kpisQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    return getKpis(ctx, workspace, query);
  });

  app.get('/api/dashboard', async (request) => {
    const query = parseInput(kpisQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    return getDashboard(ctx, workspace, query);
  });
}
