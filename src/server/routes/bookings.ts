import type { FastifyInstance } from 'fastify';
import {
  createBooking,
  deleteBooking,
  gigJson,
  gigWithClientJson,
  listAgendaMonth,
  listGigsOnDate,
  listUpcoming,
  updateBooking,
  type BookingFields,
} from '../../app/bookings';
import { calendarToken, renderCalendarFeed, rotateCalendarToken } from '../../app/calendar';
import type { AppContext } from '../../app/context';
import { agendaQuerySchema, MAX_AGENDA_GIGS, type AgendaJson } from '../../contracts/bookings-agenda';
import { referenceDateOf } from '../../app/workspace';
import { eurosToCents } from '../../domain/money';
import { calendarFeedParamsSchema, dayQuerySchema, gigChangesSchema, newGigSchema, upcomingQuerySchema } from '../../contracts/bookings';
import { idParams } from '../../contracts/common';
import { parseInput } from '../input';
import { sessionOf } from '../session';

/**
 * The feed's address: whole from PUBLIC_URL, the only name a phone can reach; without it only the
 * path, which the web app puts after its own address (never a Host header echoed back).
 */
function feedUrl(publicUrl: string | null, token: string): { url: string | null; path: string } {
  const path = `/calendar/${token}.ics`;
  return { url: publicUrl ? `${publicUrl}${path}` : null, path };
}

export function bookingRoutes(app: FastifyInstance, ctx: AppContext, publicUrl: string | null): void {
  app.get('/api/gigs', async (request) => {
    const { date } = parseInput(dayQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    return { gigs: (await listGigsOnDate(ctx, workspace, date)).map(gigWithClientJson) };
  });

  app.post('/api/gigs', async (request, reply) => {
    const body = parseInput(newGigSchema, request.body);
    const { workspace } = sessionOf(request);
    const booking: BookingFields = {
      clientId: body.clientId,
      date: body.date,
      amountCents: eurosToCents(body.amount),
      status: body.status,
      type: body.type ?? null,
      venue: body.venue ?? null,
      city: body.city ?? null,
      durationMinutes: body.durationMinutes ?? null,
      notes: body.notes ?? null,
    };
    const { gig, sameDay } = await createBooking(ctx, workspace, booking);
    return reply.status(201).send({ gig: gigJson(gig), sameDay: sameDay.map(gigWithClientJson) });
  });

  app.patch('/api/gigs/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { amount, ...body } = parseInput(gigChangesSchema, request.body);
    const { workspace } = sessionOf(request);
    const changes: Partial<BookingFields> = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    if (amount !== undefined) changes.amountCents = eurosToCents(amount);
    return { gig: gigJson(await updateBooking(ctx, workspace, id, changes)) };
  });

  app.delete('/api/gigs/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const { workspace } = sessionOf(request);
    await deleteBooking(ctx, workspace, id);
    return reply.status(204).send();
  });

  app.get('/api/upcoming', async (request) => {
    const { asOf, limit } = parseInput(upcomingQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    return { gigs: (await listUpcoming(ctx, workspace, referenceDateOf(ctx, workspace, asOf), limit)).map(gigWithClientJson) };
  });

  app.get('/api/agenda', async (request): Promise<AgendaJson> => {
    const { month } = parseInput(agendaQuerySchema, request.query);
    const { workspace } = sessionOf(request);
    const agenda = await listAgendaMonth(ctx, workspace, month, MAX_AGENDA_GIGS);
    return { ...agenda, gigs: agenda.gigs.map(gigWithClientJson) };
  });

  app.get('/api/calendar', async (request) => {
    const { workspace } = sessionOf(request);
    return feedUrl(publicUrl, await calendarToken(ctx, workspace));
  });

  app.post('/api/calendar/rotate', async (request) => {
    const { workspace } = sessionOf(request);
    return feedUrl(publicUrl, await rotateCalendarToken(ctx, workspace));
  });

  // The secret in the URL is the key: a phone's calendar sends no cookie.
  app.get('/calendar/:token.ics', { config: { public: true } }, async (request, reply) => {
    const { token } = parseInput(calendarFeedParamsSchema, request.params);
    const ics = await renderCalendarFeed(ctx, token);
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'no-store').send(ics);
  });
}
