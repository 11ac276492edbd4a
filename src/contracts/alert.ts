/**
 * The weekly alert as it travels (`GET /api/alert`, `PUT /api/alert/settings`) and the web's
 * workspace import (`POST /api/workspace/import`): the request bodies and the JSON answers. Server
 * and web import it from here; no server or database import, so that the web can too.
 */
import { z } from 'zod';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** What the settings form sends: an empty address turns the alert off. */
export const alertSettingsInputSchema = z.strictObject({
  address: z.union([z.literal(''), z.email('input.email').max(254)]),
  day: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
});
export type AlertSettingsInput = z.infer<typeof alertSettingsInputSchema>;

export const alertSettingsSchema = z.object({
  enabled: z.boolean(),
  address: z.string().nullable(),
  day: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
});
export type AlertSettingsJson = z.infer<typeof alertSettingsSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The panel: the settings, when it goes next, and what this week's alert says (as data, worded by the web). */
export const alertViewSchema = z.object({
  settings: alertSettingsSchema,
  /** The next time it goes out (workspace's time zone), when it is on. */
  next: z.object({ date: isoDate, time: z.string() }).nullable(),
  week: z.object({ from: isoDate, to: isoDate }),
  toFollowUp: z.object({
    total: z.number().int().min(0),
    /** The first five by priority; potential in euros. */
    top: z.array(z.object({ id: z.number().int(), name: z.string(), priority: z.number(), potential: z.number().nullable() })).max(5),
  }),
  awaitingOutcome: z.object({
    total: z.number().int().min(0),
    items: z.array(z.object({ clientId: z.number().int(), name: z.string(), date: isoDate })).max(10),
  }),
  seasonal: z.object({
    total: z.number().int().min(0),
    items: z.array(z.object({ clientId: z.number().int(), name: z.string(), from: isoDate, to: isoDate, nextDate: isoDate })).max(10),
  }),
  /** The latest alert put in the outbox: its week and where it stands. */
  last: z
    .object({
      week: isoDate,
      state: z.enum(['queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled']),
      sentAt: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type AlertViewJson = z.infer<typeof alertViewSchema>;

/** `POST /api/workspace/import`: what was read into the (empty) workspace. */
export const workspaceImportReportSchema = z.object({
  clients: z.number().int(),
  gigs: z.number().int(),
  notes: z.number().int(),
  followUps: z.number().int(),
  templates: z.number().int(),
  mail: z.enum(['imported', 'kept', 'none']),
});
export type WorkspaceImportReportJson = z.infer<typeof workspaceImportReportSchema>;
