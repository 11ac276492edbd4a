/**
 * The agenda's month as it travels (`GET /api/agenda?month=YYYY-MM`): the gigs that take a day of
 * the month (cancelled ones free it), the days holding two or more, and today in the workspace's
 * time zone. The server answers with it, the web app parses with it.
 */
import { z } from 'zod';

export const MAX_AGENDA_GIGS = 1000;

export const agendaQuerySchema = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mois attendu au format AAAA-MM')
    .optional(),
});
export type AgendaQuery = z.infer<typeof agendaQuerySchema>;

export const agendaGigSchema = z.object({
  id: z.number(),
  date: z.string(),
  amount: z.number(),
  status: z.enum(['done', 'confirmed', 'option', 'cancelled']),
  clientId: z.number(),
  clientName: z.string(),
  type: z.string().nullish(),
  venue: z.string().nullish(),
  city: z.string().nullish(),
});

export const agendaSchema = z.object({
  month: z.string(),
  today: z.string(),
  gigs: z.array(agendaGigSchema).max(MAX_AGENDA_GIGS),
  doubleBooked: z.array(z.string()),
});
export type AgendaJson = z.infer<typeof agendaSchema>;
