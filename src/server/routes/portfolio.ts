import type { FastifyInstance } from 'fastify';
import { createClient, getClientPage, updateClient } from '../../app/client-pages';
import type { AppContext } from '../../app/context';
import { addNote, editNote, noteJson, removeNote } from '../../app/notes';
import { gigJson } from '../../app/bookings';
import { getPrediction, listPredictions, reasonText } from '../../app/predictions';
import { getOverview, listClientsJson } from '../../app/portfolio';
import { referenceDateOf, todayOf } from '../../app/workspace';
import { centsToEuros } from '../../domain/money';
import {
  clientChangesSchema,
  clientJson,
  clientsQuerySchema,
  newClientSchema,
  noteInputSchema,
  overviewJson,
} from '../../contracts/clients';
import { predictionJson, predictionModelJson } from '../../contracts/predictions';
import { asOfQuery, idParams } from '../../contracts/common';
import { parseInput } from '../input';
import { sessionOf } from '../session';

export function portfolioRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/overview', async (request) => {
    const { asOf } = parseInput(asOfQuery, request.query);
    const { workspace } = sessionOf(request);
    // `today` beside `asOf`: the page says when the figures are not of today.
    return overviewJson(await getOverview(ctx, workspace, referenceDateOf(ctx, workspace, asOf)), todayOf(ctx, workspace));
  });

  app.get('/api/clients', async (request, reply) => {
    const { asOf: asked, ...query } = parseInput(clientsQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    // `{ asOf, total, clients }`, serialised once per data version.
    const json = await listClientsJson(ctx, workspace, referenceDateOf(ctx, workspace, asked), query);
    return reply.type('application/json; charset=utf-8').send(json);
  });

  // Paged like /api/clients (same filters, order and limits): 20,000 clients are never sent at once.
  app.get('/api/predictions', async (request) => {
    const { asOf: asked, ...query } = parseInput(clientsQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const page = await listPredictions(ctx, workspace, referenceDateOf(ctx, workspace, asked), query);
    return {
      asOf: page.asOf,
      model: predictionModelJson(page.model, reasonText),
      total: page.total,
      clients: page.clients.map(predictionJson),
    };
  });

  app.get('/api/clients/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { asOf: asked } = parseInput(asOfQuery, request.query);
    const { workspace } = sessionOf(request);
    const asOf = referenceDateOf(ctx, workspace, asked);
    const [page, forecast] = await Promise.all([getClientPage(ctx, workspace, asOf, id), getPrediction(ctx, workspace, asOf, id)]);
    return {
      client: clientJson(page.client),
      prediction: forecast.prediction ? predictionJson(forecast.prediction) : null,
      predictionModel: predictionModelJson(forecast.model, reasonText),
      gigs: page.gigs.map(gigJson),
      totalsByYear: page.totalsByYear.map((t) => ({ year: t.year, gigs: t.gigs, revenue: centsToEuros(t.revenueCents) })),
      notes: page.notes.map(noteJson),
    };
  });

  app.post('/api/clients', async (request, reply) => {
    const body = parseInput(newClientSchema, request.body);
    const { workspace } = sessionOf(request);
    const client = await createClient(ctx, workspace, referenceDateOf(ctx, workspace), {
      name: body.name,
      contact: body.contact ?? null,
      email: body.email ?? null,
      phone: body.phone ?? null,
      city: body.city ?? null,
      category: body.category ?? null,
    });
    return reply.status(201).send({ client: clientJson(client) });
  });

  app.patch('/api/clients/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const body = parseInput(clientChangesSchema, request.body);
    const { workspace } = sessionOf(request);
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    return { client: clientJson(await updateClient(ctx, workspace, referenceDateOf(ctx, workspace), id, changes)) };
  });

  app.post('/api/clients/:id/notes', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const { text } = parseInput(noteInputSchema, request.body);
    const { workspace } = sessionOf(request);
    return reply.status(201).send({ note: noteJson(await addNote(ctx, workspace, id, text)) });
  });

  app.patch('/api/notes/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { text } = parseInput(noteInputSchema, request.body);
    const { workspace } = sessionOf(request);
    return { note: noteJson(await editNote(ctx, workspace, id, text)) };
  });

  app.delete('/api/notes/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    await removeNote(ctx, workspace, id);
    return reply.status(204).send();
  });
}
