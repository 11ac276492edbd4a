/**
 * Replies read from the mailbox over HTTP (issue 16): the IMAP settings ("Boîte de réception":
 * the password goes in, never out) with "Tester" and the watcher's state, a client's replies for
 * its timeline, and "Ce n’est pas une réponse" (undo a match).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { imapSettingsInputSchema, replyIdParamsSchema } from '../../contracts/replies';
import { deleteImapSettings, getImapSettings, listReplies, saveImapSettings, testImapSettings, undoReply } from '../../app/replies';
import type { MailContext } from '../../app/mailer';
import { parseInput } from '../input';
import { sessionOf } from '../session';

const clientParams = z.strictObject({ id: z.coerce.number().int().positive() });

export function replyRoutes(app: FastifyInstance, ctx: MailContext, kickWatcher: () => void): void {
  app.get('/api/imap-settings', async (request) => getImapSettings(ctx, sessionOf(request).workspace));

  app.put('/api/imap-settings', async (request) => {
    const body = parseInput(imapSettingsInputSchema, request.body);
    const saved = await saveImapSettings(ctx, sessionOf(request).workspace, body);
    kickWatcher();
    return saved;
  });

  app.delete('/api/imap-settings', async (request, reply) => {
    await deleteImapSettings(ctx, sessionOf(request).workspace);
    return reply.status(204).send();
  });

  app.post('/api/imap-settings/test', async (request) => testImapSettings(ctx, sessionOf(request).workspace));

  app.get('/api/clients/:id/replies', async (request) => {
    const { id } = parseInput(clientParams, request.params);
    return { replies: await listReplies(ctx, sessionOf(request).workspace, id) };
  });

  app.post('/api/replies/:id/undo', async (request) => {
    const { id } = parseInput(replyIdParamsSchema, request.params);
    return undoReply(ctx, sessionOf(request).workspace, id);
  });
}
