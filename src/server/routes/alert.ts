/** The weekly alert over HTTP: the panel's view, and the owner's settings (day, hour, address). */
import type { FastifyInstance } from 'fastify';
import { alertSettingsInputSchema } from '../../contracts/alert';
import type { MailContext } from '../../app/mailer';
import { getAlertView, saveAlertSettings } from '../../app/weekly-alert';
import { parseInput } from '../input';
import { sessionOf } from '../session';

export function alertRoutes(app: FastifyInstance, ctx: MailContext): void {
  app.get('/api/alert', async (request) => getAlertView(ctx, sessionOf(request).workspace));

  app.put('/api/alert/settings', async (request) =>
    saveAlertSettings(ctx, sessionOf(request).workspace, parseInput(alertSettingsInputSchema, request.body)),
  );
}
