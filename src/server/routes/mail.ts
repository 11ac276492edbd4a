/**
 * Sending set-up over HTTP: the workspace's SMTP settings (the password goes in, never out) with
 * "Envoyer un test", and the public unsubscribe page that every follow-up e-mail links to.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../app/errors';
import { getUnsubscribeLink, unsubscribeWithToken } from '../../app/follow-ups/unsubscribe';
import { deleteMailSettings, getMailSettings, saveMailSettings, sendTestMail } from '../../app/mail-settings';
import type { MailContext } from '../../app/mailer';
import { mailSettingsInputSchema, mailTestInputSchema, unsubscribeParamsSchema } from '../../contracts/settings';
import { parseInput } from '../input';
import { sessionOf } from '../session';

/** A mail provider's one-click POST, or a form, comes from anywhere: bounded per address. */
const UNSUBSCRIBE_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A small page of its own (no script, inline style allowed by the CSP); every value is escaped. */
function page(reply: FastifyReply, status: number, title: string, paragraphs: string[], form?: string): FastifyReply {
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f5f5f7; color: #1d1d1f; margin: 0; }
main { max-width: 32rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font-size: 1.4rem; margin-top: 0; }
button { font: inherit; padding: .7rem 1.2rem; border: 0; border-radius: 8px; background: #b3261e; color: #fff; cursor: pointer; }
button:focus-visible { outline: 3px solid #1d1d1f; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${form ?? ''}
</main>
</body>
</html>
`;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .send(html);
}

function unknownLink(reply: FastifyReply): FastifyReply {
  return page(reply, 404, 'Lien de désinscription inconnu', [
    'Ce lien de désinscription est inconnu ou a expiré. Pour ne plus recevoir de messages, répondez simplement « STOP » à l’e-mail reçu.',
  ]);
}

export function mailRoutes(app: FastifyInstance, ctx: MailContext): void {
  // ---- SMTP settings

  app.get('/api/mail-settings', async (request) => getMailSettings(ctx, sessionOf(request).workspace));

  app.put('/api/mail-settings', async (request) => {
    const body = parseInput(mailSettingsInputSchema, request.body);
    return saveMailSettings(ctx, sessionOf(request).workspace, body);
  });

  app.delete('/api/mail-settings', async (request, reply) => {
    await deleteMailSettings(ctx, sessionOf(request).workspace);
    return reply.status(204).send();
  });

  app.post('/api/mail-settings/test', async (request) => {
    const { to } = parseInput(mailTestInputSchema, request.body);
    return sendTestMail(ctx, sessionOf(request).workspace, to);
  });
}

/**
 * `/unsubscribe/:token`, without a session: the secret token is the key. GET shows a button;
 * POST (the button, or a mail program's RFC 8058 one-click `List-Unsubscribe=One-Click`) opts the
 * client out of every follow-up. Registered in a scope of its own for its form body parsers.
 */
export function unsubscribeRoutes(app: FastifyInstance, ctx: MailContext): void {
  // The form and the one-click POST send `application/x-www-form-urlencoded` (or multipart): the
  // token in the URL is all that matters, the body is read and let go.
  const ignoreBody = (_request: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) =>
    done(null, String(body));
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
    { parseAs: 'string', bodyLimit: 4096 },
    ignoreBody,
  );

  const config = { public: true, rateLimit: UNSUBSCRIBE_RATE_LIMIT };

  app.get('/unsubscribe/:token', { config }, async (request, reply) => {
    const { token } = parseInput(unsubscribeParamsSchema, request.params);
    const target = await getUnsubscribeLink(ctx, token);
    if (!target) return unknownLink(reply);
    const from = target.sender ? ` de ${target.sender}` : '';
    if (target.optedOut) {
      return page(reply, 200, 'Désinscription déjà prise en compte', [`${target.clientName} ne reçoit plus de messages${from}.`]);
    }
    return page(
      reply,
      200,
      'Ne plus recevoir de messages',
      [`Cette adresse est celle de ${target.clientName}.`, `Confirmez pour ne plus recevoir de relances${from}.`],
      '<form method="post"><input type="hidden" name="confirm" value="1"><button type="submit">Me désinscrire</button></form>',
    );
  });

  app.post('/unsubscribe/:token', { config }, async (request, reply) => {
    const { token } = parseInput(unsubscribeParamsSchema, request.params);
    const target = await getUnsubscribeLink(ctx, token);
    if (!target) return unknownLink(reply);
    try {
      await unsubscribeWithToken(ctx, token);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return unknownLink(reply);
      throw e;
    }
    const from = target.sender ? ` de ${target.sender}` : '';
    return page(reply, 200, 'Désinscription confirmée', [
      `${target.clientName} ne recevra plus de messages${from}.`,
      'Vous pouvez fermer cette page.',
    ]);
  });
}
