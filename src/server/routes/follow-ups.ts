/**
 * Follow-ups ("relances") over HTTP: the generator's draft, the record of every follow-up and its
 * outcome, cadence and "ne plus contacter", sending one e-mail or the VIP batch through the outbox,
 * the outbox's progress, and the templates. Mail settings and the unsubscribe page: mail.ts.
 */
import type { FastifyInstance } from 'fastify';
import { exportFollowUpEml, exportFollowUpEmlZip } from '../../app/eml';
import { AppError } from '../../app/errors';
import {
  confirmFollowUp,
  confirmFollowUps,
  discardFollowUp,
  listFollowUpRecords,
  recordFollowUp,
  setFollowUpOutcome,
} from '../../app/follow-ups/record';
import { getClientCadence, getFollowUpDraft, listVipFollowUpCandidates, previewTemplate } from '../../app/follow-ups/drafts';
import { listTemplates, resetTemplate, saveTemplate } from '../../app/follow-ups/templates';
import { setDoNotContact } from '../../app/follow-ups/unsubscribe';
import type { MailContext } from '../../app/mailer';
import { enqueueFollowUpEmails, getOutboxProgress, resolveUncertain, sendFollowUpEmail } from '../../app/outbox';
import { cancelOutboxMessage, listOutbox, retryOutboxMessage } from '../../app/outbox-admin';
import { referenceDateOf } from '../../app/workspace';
import type { FollowUp } from '../../db/follow-ups';
import type { Workspace } from '../../db/workspaces';
import { asOfQuery, idParams } from '../../contracts/common';
import {
  confirmManySchema,
  doNotContactSchema,
  draftJson,
  draftQuerySchema,
  emlBatchSchema,
  followUpInputSchema,
  followUpJson,
  followUpListQuerySchema,
  outcomeInputSchema,
  recordFollowUpSchema,
  templateInputSchema,
  templateParamsSchema,
  templatePreviewInputSchema,
  vipBatchQuerySchema,
  type FollowUp as FollowUpJson,
} from '../../contracts/follow-ups';
import { langOf } from '../../contracts/messages';
import { batchInputSchema, outboxPageQuerySchema, outboxQuerySchema, resolveInputSchema, sendInputSchema } from '../../contracts/outbox';
import { PLACEHOLDER_NAMES } from '../../domain/follow-ups/templates';
import { parseInput } from '../input';
import { sessionOf } from '../session';

/** A follow-up as the API shows it (with its client's name), after a write. */
async function recordJson(ctx: MailContext, workspace: Workspace, f: FollowUp): Promise<FollowUpJson> {
  const record = (await listFollowUpRecords(ctx, workspace, f.clientId)).find((r) => r.id === f.id);
  if (!record) throw AppError.worded('not_found', 'error.followUpNotFound');
  return followUpJson(record);
}

export function followUpRoutes(app: FastifyInstance, ctx: MailContext, kickSender: () => void): void {
  // ---- The generator

  app.get('/api/clients/:id/follow-up-draft', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { template, asOf } = parseInput(draftQuerySchema, request.query);
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
    const { value } = parseInput(doNotContactSchema, request.body);
    const { workspace } = sessionOf(request);
    return setDoNotContact(ctx, workspace, id, value);
  });

  // ---- Tracking

  app.get('/api/follow-ups', async (request) => {
    const { clientId: client, limit, offset } = parseInput(followUpListQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const all = await listFollowUpRecords(ctx, workspace, client);
    return { total: all.length, followUps: all.slice(offset, offset + limit).map(followUpJson) };
  });

  app.post('/api/follow-ups', async (request, reply) => {
    const body = parseInput(recordFollowUpSchema, request.body);
    const { workspace } = sessionOf(request);
    const row = await recordFollowUp(ctx, workspace, body);
    return reply.status(201).send({ followUp: await recordJson(ctx, workspace, row) });
  });

  app.post('/api/follow-ups/eml', async (request, reply) => {
    const body = parseInput(followUpInputSchema, request.body);
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
    const { messages } = parseInput(emlBatchSchema, request.body);
    const { workspace } = sessionOf(request);
    const { fileName, content, recorded, refused } = await exportFollowUpEmlZip(ctx, workspace, messages);
    if (recorded.length === 0)
      throw AppError.composed('conflict', (lang) => refused.map((r) => r.error.textIn(lang)).join(' '), { reason: 'all_refused' });
    return (
      reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        // clientId:followUpId pairs, and the clients left out (the page shows why by asking again).
        .header('x-follow-up-ids', recorded.map((r) => `${r.clientId}:${r.followUpId}`).join(','))
        .header('x-refused-clients', refused.map((r) => r.clientId).join(','))
        .send(content)
    );
  });

  app.post('/api/follow-ups/confirm', async (request) => {
    const { ids } = parseInput(confirmManySchema, request.body);
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
    const body = parseInput(sendInputSchema, request.body);
    const { workspace } = sessionOf(request);
    try {
      // Enqueued, then handed to the mail server at once so that the answer says whether it went;
      // a retry, if any, is the background sender's. A refusal is thrown with its reason and dates.
      const { enqueue, message } = await sendFollowUpEmail(ctx, workspace, body);
      return { result: enqueue.result, followUpId: enqueue.result === 'refused' ? null : enqueue.followUpId, message };
    } finally {
      kickSender();
    }
  });

  app.get('/api/follow-ups/vip-batch', async (request) => {
    const { asOf, limit, offset } = parseInput(vipBatchQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const candidates = await listVipFollowUpCandidates(ctx, workspace, asOf);
    // Paged like the other lists: a large portfolio has thousands of VIP lapsed, each with its text.
    return {
      asOf: referenceDateOf(ctx, workspace, asOf),
      total: candidates.length,
      candidates: candidates.slice(offset, offset + limit).map(draftJson),
    };
  });

  app.post('/api/follow-ups/batch', async (request, reply) => {
    const { messages, batchId, force } = parseInput(batchInputSchema, request.body);
    const { workspace } = sessionOf(request);
    // One key per client and batch: a double click, or the same batch sent again after an edit,
    // finds the message already queued instead of queueing another.
    const keyed = messages.map((m) => ({ ...m, idempotencyKey: m.idempotencyKey ?? `batch:${batchId}:${m.clientId}` }));
    const result = await enqueueFollowUpEmails(
      ctx,
      workspace,
      { messages: keyed, batchId, force },
      langOf(request.headers['accept-language']),
    );
    kickSender();
    return reply.status(202).send(result);
  });

  app.get('/api/outbox', async (request) => {
    const { batchId } = parseInput(outboxQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    return getOutboxProgress(ctx, workspace, batchId);
  });

  app.get('/api/outbox/messages', async (request) => {
    const { limit } = parseInput(outboxPageQuerySchema, request.query);
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
    const { decision } = parseInput(resolveInputSchema, request.body);
    const { workspace } = sessionOf(request);
    const message = await resolveUncertain(ctx, workspace, id, decision);
    if (decision === 'resend') kickSender();
    return { message };
  });

  // ---- Templates

  app.get('/api/templates', async (request) => {
    const { workspace } = sessionOf(request);
    return { templates: await listTemplates(ctx, workspace), placeholders: PLACEHOLDER_NAMES };
  });

  app.put('/api/templates/:key', async (request) => {
    const { key } = parseInput(templateParamsSchema, request.params);
    const text = parseInput(templateInputSchema, request.body);
    const { workspace } = sessionOf(request);
    return { template: await saveTemplate(ctx, workspace, key, text) };
  });

  app.delete('/api/templates/:key', async (request) => {
    const { key } = parseInput(templateParamsSchema, request.params);
    const { workspace } = sessionOf(request);
    return { template: await resetTemplate(ctx, workspace, key) };
  });

  app.post('/api/templates/preview', async (request) => {
    const body = parseInput(templatePreviewInputSchema, request.body);
    const { workspace } = sessionOf(request);
    return previewTemplate(ctx, workspace, body);
  });
}
