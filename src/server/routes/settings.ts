import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context';
import { settingsView, updateSettings } from '../../app/settings';
import { settingsUpdateSchema } from '../../contracts/settings';
import { parseInput } from '../input';
import { sessionOf } from '../session';

export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/settings', async (request) => settingsView(sessionOf(request).workspace));

  app.put('/api/settings', async (request) => {
    const body = parseInput(settingsUpdateSchema, request.body);
    return updateSettings(ctx, sessionOf(request).workspace, body);
  });
}
