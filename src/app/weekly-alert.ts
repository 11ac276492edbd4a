/**
 * The weekly alert (issue 14, docs/decisions/017): on the day and hour of the settings, in the
 * workspace's time zone, an e-mail to the owner with the clients to follow up this week, the
 * follow-ups waiting for an outcome and the seasonal windows that open. It goes through the outbox
 * as a message to the owner (migration 006) whose idempotency key is the week: the outbox's unique
 * key per workspace and key makes it one per week whatever the number of servers or restarts. The
 * job that calls enqueueDueAlerts is src/jobs/weekly-alert.ts.
 */
import type { AlertSettingsInput, AlertSettingsJson, AlertViewJson } from '../contracts/alert';
import { listFollowUps } from '../db/follow-ups';
import { listGigDays } from '../db/gig-histories';
import { getMailSettingsRow } from '../db/mail-settings';
import { getLatestOutboxMessage, getOutboxMessageByKey, insertOutboxMessage } from '../db/outbox';
import { getWorkspace, listWorkspaces, updateWorkspace, type Workspace } from '../db/workspaces';
import { addDays, type IsoDate } from '../domain/dates';
import { centsToEuros } from '../domain/money';
import { detectSeasonality } from '../domain/predictions';
import {
  ALERT_LIST_LIMIT,
  ALERT_TOP,
  DEFAULT_ALERT_SCHEDULE,
  composeWeeklyAlert,
  dueAlertSlot,
  nextAlertSlot,
  type AlertSchedule,
  type WeeklyAlertInput,
  type WeeklyAlertMessage,
  type Weekday,
} from '../domain/weekly-alert';
import { withCadences } from './cadences';
import type { AppContext } from './context';
import { messageIdFor } from './mail-settings';
import type { MailContext } from './mailer';
import { listAllClients } from './portfolio';
import { referenceDateOf } from './workspace';

/** The outbox batch of every weekly alert; each one's key is `weekly-alert:<Monday of its week>`. */
export const WEEKLY_ALERT_BATCH = 'weekly-alert';
const keyOfWeek = (week: IsoDate) => `${WEEKLY_ALERT_BATCH}:${week}`;

interface StoredAlertSettings extends AlertSchedule {
  address: string | null;
  /** When the address was set: no alert is due for an earlier moment. */
  since: Date | null;
}

export function alertSettingsOf(workspace: Workspace): StoredAlertSettings {
  const stored = workspace.settings.weeklyAlert;
  return {
    address: stored?.address ?? null,
    day: (stored?.day ?? DEFAULT_ALERT_SCHEDULE.day) as Weekday,
    hour: stored?.hour ?? DEFAULT_ALERT_SCHEDULE.hour,
    since: stored?.since ? new Date(stored.since) : null,
  };
}

function settingsJson(s: StoredAlertSettings): AlertSettingsJson {
  return { enabled: s.address !== null, address: s.address, day: s.day, hour: s.hour };
}

/** The owner's settings form: an address turns the alert on from now; an empty one turns it off. */
export async function saveAlertSettings(ctx: AppContext, workspace: Workspace, input: AlertSettingsInput): Promise<AlertSettingsJson> {
  const current = alertSettingsOf(workspace);
  const address = input.address === '' ? null : input.address;
  const since = address === null ? null : ((current.address !== null ? current.since : null) ?? ctx.now());
  const settings = {
    ...workspace.settings,
    weeklyAlert: { address, day: input.day, hour: input.hour, since: since?.toISOString() ?? null },
  };
  await updateWorkspace(ctx.database.db, workspace.id, { settings });
  return settingsJson(alertSettingsOf((await getWorkspace(ctx.database.db, workspace.id)) ?? workspace));
}

type AlertFacts = Omit<WeeklyAlertInput, 'language' | 'publicUrl'>;

/**
 * What this week's alert says, as of the workspace's reference date (today unless it is fixed, as
 * in the demo): the week is the seven days from it.
 */
async function alertFacts(ctx: AppContext, workspace: Workspace): Promise<AlertFacts> {
  const asOf = referenceDateOf(ctx, workspace);
  const week = { from: asOf, to: addDays(asOf, 6) };
  const db = ctx.database.db;
  const [clients, followUps, gigDays] = await Promise.all([
    listAllClients(ctx, workspace, asOf, { sort: 'priority' }),
    listFollowUps(db, workspace.id),
    listGigDays(db, workspace.id, asOf),
  ]);
  const withCadence = await withCadences(ctx, workspace, asOf, clients);
  const toFollowUp = withCadence
    .filter((c) => c.segment.status === 'lapsed' && c.cadence.proposed)
    .map((c) => ({ id: c.id, name: c.name, priority: c.segment.priority ?? 0, potentialCents: c.segment.potential?.cents ?? null }));
  const awaitingOutcome = followUps
    .filter((f) => f.status === 'sent' && f.outcome === 'none' && f.windowEndDate >= asOf)
    .reverse()
    .map((f) => ({ clientId: f.clientId, name: f.clientName, date: f.date }));
  const datesOf = new Map<number, string[]>();
  for (const g of gigDays) datesOf.set(g.clientId, [...(datesOf.get(g.clientId) ?? []), g.date]);
  const seasonal = withCadence.flatMap((c) => {
    if (c.cadence.notProposedBecause === 'opted_out' || c.cadence.notProposedBecause === 'booked') return [];
    const pattern = detectSeasonality(datesOf.get(c.id) ?? [], asOf);
    if (!pattern || pattern.followUpFrom < week.from || pattern.followUpFrom > week.to) return [];
    return [{ clientId: c.id, name: c.name, from: pattern.followUpFrom, to: pattern.followUpTo, nextDate: pattern.nextDate }];
  });
  seasonal.sort((a, b) => a.from.localeCompare(b.from));
  return { week, toFollowUp, awaitingOutcome, seasonal };
}

/** The message that would go out now (`djbooker alert --dry-run`), and to whom (null: the alert is off). */
export async function weeklyAlertMessage(
  ctx: AppContext,
  workspace: Workspace,
  publicUrl: string | null,
): Promise<WeeklyAlertMessage & { to: string | null }> {
  const facts = await alertFacts(ctx, workspace);
  const message = composeWeeklyAlert({ ...facts, language: workspace.settings.language ?? 'fr', publicUrl });
  return { ...message, to: alertSettingsOf(workspace).address };
}

/** The panel: the settings, the next sending, this week's figures and the last alert's state. */
export async function getAlertView(ctx: AppContext, workspace: Workspace): Promise<AlertViewJson> {
  const settings = alertSettingsOf(workspace);
  const [facts, last] = await Promise.all([
    alertFacts(ctx, workspace),
    getLatestOutboxMessage(ctx.database.db, workspace.id, WEEKLY_ALERT_BATCH),
  ]);
  return {
    settings: settingsJson(settings),
    next: settings.address === null ? null : nextAlertSlot(ctx.now(), workspace.timeZone, settings),
    week: facts.week,
    toFollowUp: {
      total: facts.toFollowUp.length,
      top: facts.toFollowUp.slice(0, ALERT_TOP).map((c) => ({
        id: c.id,
        name: c.name,
        priority: Math.round(c.priority), // An estimate: whole euros, as in the e-mail.
        potential: c.potentialCents === null ? null : centsToEuros(Math.round(c.potentialCents / 100) * 100),
      })),
    },
    awaitingOutcome: { total: facts.awaitingOutcome.length, items: facts.awaitingOutcome.slice(0, ALERT_LIST_LIMIT) },
    seasonal: { total: facts.seasonal.length, items: facts.seasonal.slice(0, ALERT_LIST_LIMIT) },
    last: last
      ? { week: last.idempotencyKey.slice(WEEKLY_ALERT_BATCH.length + 1), state: last.state, sentAt: last.sentAt, error: last.lastError }
      : null,
  };
}

export type AlertRun = 'off' | 'not_due' | 'already_queued' | 'no_mail_settings' | 'queued';

/**
 * Puts this week's alert in the outbox if it is due and not there yet. Two servers that both get
 * here insert the same key: the outbox's unique key lets one row in, the other finds it there.
 * Without mail settings nothing is queued: it goes once they are set, within the same week.
 */
export async function enqueueDueAlert(ctx: MailContext, workspace: Workspace): Promise<AlertRun> {
  const settings = alertSettingsOf(workspace);
  if (settings.address === null) return 'off';
  const slot = dueAlertSlot(ctx.now(), workspace.timeZone, settings, settings.since);
  if (!slot) return 'not_due';
  const db = ctx.database.db;
  const key = keyOfWeek(slot.week);
  if (await getOutboxMessageByKey(db, workspace.id, key)) return 'already_queued';
  const mail = await getMailSettingsRow(db, workspace.id);
  if (!mail) return 'no_mail_settings';
  const message = await weeklyAlertMessage(ctx, workspace, ctx.publicUrl);
  const nowIso = ctx.now().toISOString();
  const inserted = await insertOutboxMessage(db, {
    workspaceId: workspace.id,
    clientId: null,
    recipient: 'owner',
    followUpId: null,
    batchId: WEEKLY_ALERT_BATCH,
    idempotencyKey: key,
    messageId: messageIdFor(mail.fromAddress),
    toAddress: settings.address,
    toName: null,
    subject: message.subject,
    body: message.text,
    listUnsubscribe: '',
    listUnsubscribePost: null,
    state: 'queued',
    nextAttemptAt: nowIso,
    lastError: null,
    smtpResponse: null,
    sendingStartedAt: null,
    sentAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  });
  return inserted ? 'queued' : 'already_queued';
}

/** Every workspace's due alert (the job's pass). */
export async function enqueueDueAlerts(ctx: MailContext): Promise<Record<AlertRun, number>> {
  const counts: Record<AlertRun, number> = { off: 0, not_due: 0, already_queued: 0, no_mail_settings: 0, queued: 0 };
  for (const workspace of await listWorkspaces(ctx.database.db)) counts[await enqueueDueAlert(ctx, workspace)] += 1;
  return counts;
}
