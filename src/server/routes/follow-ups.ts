/**
 * Follow-ups ("relances") over HTTP: the generator's draft, the record of every follow-up and its
 * outcome, cadence and "ne plus contacter", sending one e-mail or the VIP batch through the outbox,
 * the outbox's progress, and the templates. Mail settings and the unsubscribe page: mail.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportFollowUpEml, exportFollowUpEmlZip } from '../../app/eml';
import { AppError } from '../../app/errors';
import {
  confirmFollowUp, confirmFollowUps, discardFollowUp, draftJson, followUpInputSchema, getClientCadence, getFollowUpDraft, listFollowUpRecords, listTemplates,
  listVipFollowUpCandidates, outcomeInputSchema, previewTemplate, recordFollowUp, resetTemplate, saveTemplate, setDoNotContact, setFollowUpOutcome,
  type FollowUpRecord,
} from '../../app/follow-ups';
import type { MailContext } from '../../app/mailer';
import { emailMessageSchema, enqueueFollowUpEmails, getOutboxProgress, resolveUncertain, sendFollowUpEmail } from '../../app/outbox';
import { cancelOutboxMessage, listOutbox, OUTBOX_PAGE_LIMIT, retryOutboxMessage } from '../../app/outbox-admin';
import { referenceDateOf } from '../../app/workspace';
import type { FollowUp, Workspace } from '../../db/schema';
import { PLACEHOLDERS, TEMPLATE_KEYS, type TemplateKey } from '../../domain/follow-ups/templates';
import { asOfQuery, idParams, isoDate, parseInput } from '../input';
import { sessionOf } from '../session';

const MAX_ID = 2 ** 31 - 1;
const clientId = z.number().int().positive().max(MAX_ID);
const templateKey = z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]);

const draftQuery = asOfQuery.extend({ template: templateKey.optional() });

const followUpBody = followUpInputSchema.extend({
  clientId,
  channel: z.enum(['copied', 'mailto', 'eml', 'phone', 'other']),
});
const emlBody = followUpInputSchema.extend({ clientId });
const emlBatchBody = z.strictObject({ messages: z.array(emlBody).min(1).max(500) });
const confirmManyBody = z.strictObject({ ids: z.array(z.number().int().positive().max(MAX_ID)).min(1).max(500) });
/** "Envoyer": the key is the UI's, one per opened generator, so that a double click sends once. */
const sendBody = emailMessageSchema.extend({ clientId, idempotencyKey: z.string().min(8).max(200), force: z.boolean().optional() });
const batchBody = z.strictObject({
  messages: z.array(emailMessageSchema.extend({ clientId })).min(1).max(500),
  /** The UI's id of this batch (one per opened list): sending it twice enqueues nothing new. */
  batchId: z.string().regex(/^[\w-]{1,100}$/, 'identifiant de lot invalide (lettres, chiffres, - et _)'),
  force: z.boolean().optional(),
});

const listQuery = z.object({
  clientId: z.coerce.number().int().positive().max(MAX_ID).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
/** At most a batch's worth (POST /api/follow-ups/batch takes 500 messages). */
const vipBatchQuery = asOfQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
const doNotContactBody = z.strictObject({ value: z.boolean() });
const outboxQuery = z.object({ batchId: z.string().min(1).max(100).optional() });
const outboxPageQuery = z.object({ limit: z.coerce.number().int().min(1).max(OUTBOX_PAGE_LIMIT).default(OUTBOX_PAGE_LIMIT) });
const resolveBody = z.strictObject({ decision: z.enum(['resend', 'mark_sent']) });

const templateParams = z.strictObject({ key: z.string().min(1).max(50) });
const templateText = {
  subject: z.string().min(1, 'sujet requis').max(300),
  body: z.string().min(1, 'message requis').max(50_000),
};
const templateBody = z.strictObject(templateText);
const previewBody = z.strictObject({ ...templateText, clientId: clientId.optional(), asOf: isoDate.optional() });

/** A follow-up as the API shows it (with its client's name), after a write. */
async function recordJson(ctx: MailContext, workspace: Workspace, row: FollowUp): Promise<FollowUpRecord> {
  const record = (await listFollowUpRecords(ctx, workspace, row.client_id)).find((f) => f.id === row.id);
  if (!record) throw new AppError('not_found', 'Relance introuvable.');
  return record;
}

function reasonOf(e: AppError): string | undefined {
  const details = e.details as { reason?: unknown } | undefined;
  return typeof details?.reason === 'string' ? details.reason : undefined;
}

/**
 * The outbox reports its refusals without their dates: a 409 for a too recent follow-up also says
 * from when it is allowed (the UI shows it), and an unknown client is a 404 like everywhere else.
 */
async function explainRefusal(ctx: MailContext, workspace: Workspace, e: unknown, id: number): Promise<never> {
  if (!(e instanceof AppError)) throw e;
  const reason = reasonOf(e);
  if (reason === 'not_found') throw new AppError('not_found', 'Client introuvable.');
  if (e.code === 'conflict' && reason === 'recent_follow_up') {
    const cadence = await getClientCadence(ctx, workspace, id);
    throw new AppError('conflict', e.message, { reason, lastContact: cadence.lastContact, allowedFrom: cadence.allowedFrom });
  }
  throw e;
}

export function followUpRoutes(app: FastifyInstance, ctx: MailContext, kickSender: () => void): void {
  // ---- The generator

  app.get('/api/clients/:id/follow-up-draft', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { template, asOf } = parseInput(draftQuery, request.query);
    const { workspace } = sessionOf(request);
    return draftJson(await getFollowUpDraft(ctx, workspace, id, { template, asOf }));
  });

  app.get('/api/clients/:id/cadence', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { asOf } = parseInput(asOfQuery, request.query);
    const { workspace } = sessionOf(request);
    return { cadence: await getClientCadence(ctx, workspace, id, asOf) };
  });

  app.put('/api/clients/:id/do-not-contact', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { value } = parseInput(doNotContactBody, request.body);
    const { workspace } = sessionOf(request);
    return setDoNotContact(ctx, workspace, id, value);
  });

  // ---- Tracking

  app.get('/api/follow-ups', async (request) => {
    const { clientId: client, limit, offset } = parseInput(listQuery, request.query);
    const { workspace } = sessionOf(request);
    const all = await listFollowUpRecords(ctx, workspace, client);
    return { total: all.length, followUps: all.slice(offset, offset + limit) };
  });

  app.post('/api/follow-ups', async (request, reply) => {
    const body = parseInput(followUpBody, request.body);
    const { workspace } = sessionOf(request);
    const row = await recordFollowUp(ctx, workspace, body);
    return reply.status(201).send({ followUp: await recordJson(ctx, workspace, row) });
  });

  app.post('/api/follow-ups/eml', async (request, reply) => {
    const body = parseInput(emlBody, request.body);
    const { workspace } = sessionOf(request);
    const { fileName, content, followUp } = await exportFollowUpEml(ctx, workspace, body);
    return reply
      .type('message/rfc822')
      .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('cache-control', 'no-store')
      .header('x-follow-up-id', String(followUp.id))
      .send(content);
  });

  app.post('/api/follow-ups/eml-batch', async (request, reply) => {
    const { messages } = parseInput(emlBatchBody, request.body);
    const { workspace } = sessionOf(request);
    const { fileName, content, recorded, refused } = await exportFollowUpEmlZip(ctx, workspace, messages);
    if (recorded.length === 0) throw new AppError('conflict', refused.map((r) => r.message).join(' '), { reason: 'all_refused' });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      // clientId:followUpId pairs, and the clients left out (the page shows why by asking again).
      .header('x-follow-up-ids', recorded.map((r) => `${r.clientId}:${r.followUpId}`).join(','))
      .header('x-refused-clients', refused.map((r) => r.clientId).join(','))
      .send(content);
  });

  app.post('/api/follow-ups/confirm', async (request) => {
    const { ids } = parseInput(confirmManyBody, request.body);
    const { workspace } = sessionOf(request);
    return { confirmed: await confirmFollowUps(ctx, workspace, ids) };
  });

  app.post('/api/follow-ups/:id/confirm', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    return { followUp: await recordJson(ctx, workspace, await confirmFollowUp(ctx, workspace, id)) };
  });

  app.post('/api/follow-ups/:id/discard', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    await discardFollowUp(ctx, workspace, id);
    return reply.status(204).send();
  });

  app.put('/api/follow-ups/:id/outcome', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const body = parseInput(outcomeInputSchema, request.body);
    const { workspace } = sessionOf(request);
    return { followUp: await recordJson(ctx, workspace, await setFollowUpOutcome(ctx, workspace, id, body)) };
  });

  // ---- Sending through the outbox

  app.post('/api/follow-ups/send', async (request) => {
    const body = parseInput(sendBody, request.body);
    const { workspace } = sessionOf(request);
    try {
      // Enqueued, then handed to the mail server at once so that the answer says whether it went;
      // a retry, if any, is the background sender's.
      const { enqueue, message } = await sendFollowUpEmail(ctx, workspace, body);
      return { result: enqueue.result, followUpId: enqueue.result === 'refused' ? null : enqueue.followUpId, message };
    } catch (e) {
      return explainRefusal(ctx, workspace, e, body.clientId);
    } finally {
      kickSender();
    }
  });

  app.get('/api/follow-ups/vip-batch', async (request) => {
    const { asOf, limit, offset } = parseInput(vipBatchQuery, request.query);
    const { workspace } = sessionOf(request);
    const candidates = await listVipFollowUpCandidates(ctx, workspace, asOf);
    // Paged like the other lists: a large portfolio has thousands of VIP lapsed, each with its text.
    return { asOf: referenceDateOf(ctx, workspace, asOf), total: candidates.length, candidates: candidates.slice(offset, offset + limit).map(draftJson) };
  });

  app.post('/api/follow-ups/batch', async (request, reply) => {
    const { messages, batchId, force } = parseInput(batchBody, request.body);
    const { workspace } = sessionOf(request);
    // One key per client and batch: a double click, or the same batch sent again after an edit,
    // finds the message already queued instead of queueing another.
    const keyed = messages.map((m) => ({ ...m, idempotencyKey: m.idempotencyKey ?? `batch:${batchId}:${m.clientId}` }));
    const result = await enqueueFollowUpEmails(ctx, workspace, { messages: keyed, batchId, force });
    kickSender();
    return reply.status(202).send(result);
  });

  app.get('/api/outbox', async (request) => {
    const { batchId } = parseInput(outboxQuery, request.query);
    const { workspace } = sessionOf(request);
    return getOutboxProgress(ctx, workspace, batchId);
  });

  app.get('/api/outbox/messages', async (request) => {
    const { limit } = parseInput(outboxPageQuery, request.query);
    const { workspace } = sessionOf(request);
    return listOutbox(ctx, workspace, limit);
  });

  app.post('/api/outbox/:id/cancel', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    return { message: await cancelOutboxMessage(ctx, workspace, id) };
  });

  app.post('/api/outbox/:id/retry', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    const message = await retryOutboxMessage(ctx, workspace, id);
    kickSender();
    return { message };
  });

  app.post('/api/outbox/:id/resolve', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { decision } = parseInput(resolveBody, request.body);
    const { workspace } = sessionOf(request);
    const message = await resolveUncertain(ctx, workspace, id, decision);
    if (decision === 'resend') kickSender();
    return { message };
  });

  // ---- Templates

  app.get('/api/templates', async (request) => {
    const { workspace } = sessionOf(request);
    const placeholders = Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name, description }));
    return { templates: await listTemplates(ctx, workspace), placeholders };
  });

  app.put('/api/templates/:key', async (request) => {
    const { key } = parseInput(templateParams, request.params);
    const text = parseInput(templateBody, request.body);
    const { workspace } = sessionOf(request);
    return { template: await saveTemplate(ctx, workspace, key, text) };
  });

  app.delete('/api/templates/:key', async (request) => {
    const { key } = parseInput(templateParams, request.params);
    const { workspace } = sessionOf(request);
    return { template: await resetTemplate(ctx, workspace, key) };
  });

  app.post('/api/templates/preview', async (request) => {
    const body = parseInput(previewBody, request.body);
    const { workspace } = sessionOf(request);
    return previewTemplate(ctx, workspace, body);
  });
}
