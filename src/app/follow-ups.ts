/**
 * Follow-ups ("relances"): the message generator and its templates, the record of every
 * follow-up and its outcome, the cadence rules, "ne plus contacter", and the VIP batch.
 * Sending by e-mail goes through the outbox (outbox.ts); every other channel is recorded here.
 */
import { randomBytes } from 'node:crypto';
import { getClientRow } from '../db/clients';
import {
  deleteFollowUpRow,
  deleteTemplateRow,
  ensureContactPrefs,
  getContactPrefs,
  getContactPrefsByToken,
  getFollowUp,
  insertFollowUp,
  listClientsWithConfirmedGig,
  listFollowUpDates,
  listFollowUps,
  listOptedOutClientIds,
  listTakenDates,
  listTemplateRows,
  markBookingsObtainedRows,
  setOptedOut,
  updateFollowUpMessage,
  updateFollowUpRow,
  upsertTemplateRow,
  type FollowUpWithClient,
} from '../db/follow-ups';
import type { Db } from '../db/connection';
import { listClientIdsInOutbox } from '../db/outbox-admin';
import { listFailingEmails } from '../db/replies';
import type { FollowUp, Workspace } from '../db/schema';
import { getWorkspace } from '../db/workspaces';
import { addDays, type IsoDate } from '../domain/dates';
import { centsToEuros, type Cents } from '../domain/money';
import { CADENCE, cadenceOf, initialStatus, type Cadence, type FollowUpChannel, type FollowUpStatus } from '../domain/follow-ups/cadence';
import { timeSinceInWords } from '../domain/follow-ups/french';
import { nextFreeWeekendDates } from '../domain/follow-ups/free-dates';
import { mailtoLink } from '../domain/email';
import { sendErrorKind } from '../domain/follow-ups/send-errors';
import { placeholderValues, type MessageFacts } from '../domain/follow-ups/placeholders';
import {
  chooseTemplate,
  DEFAULT_TEMPLATES,
  leftoverPlaceholder,
  renderTemplate,
  TEMPLATE_KEYS,
  TEMPLATE_NAMES,
  validateTemplate,
  type MessageText,
  type TemplateKey,
  type TemplateProblem,
} from '../domain/follow-ups/templates';
import type { ClientStatus } from '../domain/segments';
import type { AppContext } from './context';
import type { Draft, FollowUp as FollowUpJson, FollowUpSummaryJson, OutcomeInput, RecordFollowUpInput } from '../contracts/follow-ups';
import { message } from '../contracts/messages';
import { templateProblemsText } from '../contracts/template-words';
import { AppError } from './errors';
import { getPortfolioClient, type PortfolioClient } from './portfolio-cache';
import { listClients, type ClientView } from './portfolio';
import { parseSettings } from './settings';
import { referenceDateOf, todayOf } from './workspace';

// ---------------------------------------------------------------------------------------------
// Templates

export interface TemplateView extends MessageText {
  key: TemplateKey;
  name: string;
  /** Whether the workspace edited it (false: the default text). */
  custom: boolean;
  defaults: MessageText;
}

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(value);
}

async function workspaceTemplates(db: Db, workspaceId: number): Promise<Record<TemplateKey, TemplateView>> {
  const rows = new Map((await listTemplateRows(db, workspaceId)).map((r) => [r.key, r]));
  const out = {} as Record<TemplateKey, TemplateView>;
  for (const key of TEMPLATE_KEYS) {
    const row = rows.get(key);
    const text = row ? { subject: row.subject, body: row.body } : DEFAULT_TEMPLATES[key];
    out[key] = { key, name: TEMPLATE_NAMES[key], ...text, custom: row !== undefined, defaults: DEFAULT_TEMPLATES[key] };
  }
  return out;
}

export async function listTemplates(ctx: AppContext, workspace: Workspace): Promise<TemplateView[]> {
  const all = await workspaceTemplates(ctx.database.db, workspace.id);
  return TEMPLATE_KEYS.map((k) => all[k]);
}

function templateError(problems: TemplateProblem[]): AppError {
  return AppError.composed('invalid_input', (lang) => templateProblemsText(problems, (key, vars) => message(lang, key, vars)), {
    problems,
  });
}

/** Saves an edited template; an unknown or unclosed placeholder is refused here, never sent later. */
export async function saveTemplate(ctx: AppContext, workspace: Workspace, key: string, text: MessageText): Promise<TemplateView> {
  if (!isTemplateKey(key)) throw new AppError('not_found', `Modèle inconnu : ${key}`);
  const problems = validateTemplate(text);
  if (problems.length > 0) throw templateError(problems);
  await upsertTemplateRow(ctx.database.db, workspace.id, key, text.subject, text.body, ctx.now().toISOString());
  return (await workspaceTemplates(ctx.database.db, workspace.id))[key];
}

export async function resetTemplate(ctx: AppContext, workspace: Workspace, key: string): Promise<TemplateView> {
  if (!isTemplateKey(key)) throw new AppError('not_found', `Modèle inconnu : ${key}`);
  await deleteTemplateRow(ctx.database.db, workspace.id, key);
  return (await workspaceTemplates(ctx.database.db, workspace.id))[key];
}

/** The figures a preview uses when no client is chosen. */
const SAMPLE_CLIENT = { name: 'YELLOW MONKEYS', contact: 'Kevin Arnaud', gigs: 7, revenueCents: 245_000, daysAgo: 932 };

/**
 * The live preview of the settings: the text rendered for a client (or a sample one), or the
 * problems that would refuse it at save time. Never throws on a bad template.
 */
export async function previewTemplate(
  ctx: AppContext,
  workspace: Workspace,
  input: MessageText & { clientId?: number; asOf?: string },
): Promise<{ problems: TemplateProblem[]; rendered: MessageText | null }> {
  const problems = validateTemplate(input);
  if (problems.length > 0) return { problems, rendered: null };
  // The preview is the text that would go out today (the reference date is for the figures only).
  const facts =
    input.clientId !== undefined
      ? (await clientContext(ctx, workspace, input.clientId, referenceDateOf(ctx, workspace, input.asOf))).facts
      : await sampleFacts(ctx, workspace, todayOf(ctx, workspace));
  return { problems: [], rendered: renderTemplate(input, placeholderValues(facts)) };
}

async function sampleFacts(ctx: AppContext, workspace: Workspace, asOf: IsoDate): Promise<MessageFacts> {
  const settings = parseSettings(workspace.settings);
  return {
    clientName: SAMPLE_CLIENT.name,
    contact: SAMPLE_CLIENT.contact,
    gigs: SAMPLE_CLIENT.gigs,
    revenueCents: SAMPLE_CLIENT.revenueCents,
    lastDate: addDays(asOf, -SAMPLE_CLIENT.daysAgo),
    asOf,
    freeDates: nextFreeWeekendDates(asOf, await listTakenDates(ctx.database.db, workspace.id, asOf)),
    djName: settings.djName ?? '',
    signature: settings.signature ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// One client's follow-up context: figures, cadence, draft

export interface FollowUpFigures {
  clientId: number;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  status: ClientStatus;
  vip: boolean;
  gigs: number;
  revenueCents: Cents;
  lastDate: IsoDate | null;
  daysInactive: number | null;
  /** "plus de 2 ans" */
  timeSince: string | null;
}

export interface ClientCadence extends Cadence {
  optedOut: boolean;
  nextConfirmedGig: boolean;
  /** Follow-ups copied, opened in the mail program or downloaded, not yet confirmed as sent (the timeline lists them). */
  toConfirm: number;
  lastToConfirm: IsoDate | null;
  /** The day a bounce said the client's address does not receive mail (issue 16), until it changes. */
  emailFailingSince: IsoDate | null;
}

export interface FollowUpDraft {
  /** The date of the figures shown (the reference date). */
  asOf: IsoDate;
  /** The date of the message, its free dates and its cadence: today, whatever the reference date. */
  today: IsoDate;
  client: FollowUpFigures;
  /** The template chosen for the client's segment, and the one this draft uses. */
  suggestedTemplate: TemplateKey;
  template: TemplateKey;
  subject: string;
  body: string;
  /** "Ouvrir dans ma messagerie". */
  mailto: string;
  cadence: ClientCadence;
}

interface ClientContextResult {
  view: ClientView;
  facts: MessageFacts;
  figures: FollowUpFigures;
  cadence: ClientCadence;
}

function figuresOf(v: ClientView, asOf: IsoDate): FollowUpFigures {
  const s = v.segment;
  return {
    clientId: v.id,
    name: v.name,
    contact: v.contact,
    email: v.email,
    phone: v.phone,
    status: s.status,
    vip: s.vip,
    gigs: s.stats.gigs,
    revenueCents: s.stats.revenueCents,
    lastDate: s.stats.lastDate,
    daysInactive: s.daysInactive,
    timeSince: s.stats.lastDate ? timeSinceInWords(s.stats.lastDate, asOf) : null,
  };
}

/** A few clients are read one by one from the cached portfolio; more, from its whole list. */
const ONE_BY_ONE = 20;

/** The same clients as of today: what a message says of them (gigs, last one, time since). */
async function viewsOfToday(
  ctx: AppContext,
  workspace: Workspace,
  today: IsoDate,
  views: ClientView[],
): Promise<Map<number, ClientView | PortfolioClient>> {
  if (views.length <= ONE_BY_ONE) {
    const found = await Promise.all(views.map((v) => getPortfolioClient(ctx, workspace, today, v.id)));
    return new Map(found.flatMap((v) => (v ? [[v.id, v] as const] : [])));
  }
  return new Map((await listClients(ctx, workspace, today)).map((v) => [v.id, v]));
}

/**
 * Everything the generator needs for several clients at once (one query per kind, not per client).
 * `asOf` (the reference date) gives the figures shown beside the message; the message itself, its
 * free dates and the cadence are of today.
 */
async function clientContexts(ctx: AppContext, workspace: Workspace, asOf: IsoDate, views: ClientView[]): Promise<ClientContextResult[]> {
  const db = ctx.database.db;
  const today = todayOf(ctx, workspace);
  const [followUps, optedOut, failing, inOutbox, booked, taken, current] = await Promise.all([
    listFollowUpDates(db, workspace.id),
    listOptedOutClientIds(db, workspace.id),
    listFailingEmails(db, workspace.id),
    listClientIdsInOutbox(db, workspace.id),
    listClientsWithConfirmedGig(db, workspace.id, today),
    listTakenDates(db, workspace.id, today),
    asOf === today ? null : viewsOfToday(ctx, workspace, today, views),
  ]);
  const settings = parseSettings(workspace.settings);
  const freeDates = nextFreeWeekendDates(today, taken);
  const byClient = new Map<number, { date: string; status: FollowUpStatus }[]>();
  for (const f of followUps) {
    const list = byClient.get(f.client_id) ?? [];
    list.push({ date: f.date, status: f.status });
    byClient.set(f.client_id, list);
  }
  return views.map((view) => {
    const now = current?.get(view.id) ?? view;
    const s = now.segment;
    const isOptedOut = optedOut.has(view.id);
    const isBooked = booked.has(view.id);
    const cadence = cadenceOf({
      asOf: today,
      status: s.status,
      followUps: byClient.get(view.id) ?? [],
      optedOut: isOptedOut,
      nextConfirmedGig: isBooked ? today : null,
      inOutbox: inOutbox.has(view.id),
    });
    const unconfirmed = (byClient.get(view.id) ?? [])
      .filter((f) => f.status === 'to_confirm')
      .map((f) => f.date)
      .sort();
    return {
      view,
      facts: {
        clientName: view.name,
        contact: view.contact,
        gigs: s.stats.gigs,
        revenueCents: s.stats.revenueCents,
        lastDate: s.stats.lastDate,
        asOf: today,
        freeDates,
        djName: settings.djName ?? '',
        signature: settings.signature ?? '',
      },
      figures: figuresOf(view, asOf),
      cadence: {
        ...cadence,
        optedOut: isOptedOut,
        nextConfirmedGig: isBooked,
        toConfirm: unconfirmed.length,
        lastToConfirm: unconfirmed.at(-1) ?? null,
        emailFailingSince: failing.get(view.id)?.slice(0, 10) ?? null,
      },
    };
  });
}

async function clientContext(ctx: AppContext, workspace: Workspace, clientId: number, asOf: IsoDate): Promise<ClientContextResult> {
  // The shared segmented portfolio: one computation per data version, not one per draft.
  const view = await getPortfolioClient(ctx, workspace, asOf, clientId);
  if (!view) throw new AppError('not_found', 'Client introuvable.');
  const [one] = await clientContexts(ctx, workspace, asOf, [view]);
  if (!one) throw new AppError('not_found', 'Client introuvable.');
  return one;
}

export async function getClientCadence(ctx: AppContext, workspace: Workspace, clientId: number, asOf?: string): Promise<ClientCadence> {
  return (await clientContext(ctx, workspace, clientId, referenceDateOf(ctx, workspace, asOf))).cadence;
}

function draftOf(
  c: ClientContextResult,
  templates: Record<TemplateKey, TemplateView>,
  asOf: IsoDate,
  template?: TemplateKey,
): FollowUpDraft {
  const suggested = chooseTemplate(c.view.segment);
  const key = template ?? suggested;
  const text = renderTemplate(templates[key], placeholderValues(c.facts));
  return {
    asOf,
    today: c.facts.asOf,
    client: c.figures,
    suggestedTemplate: suggested,
    template: key,
    subject: text.subject,
    body: text.body,
    mailto: mailtoLink(c.view.email, { subject: text.subject, body: text.body }),
    cadence: c.cadence,
  };
}

/** The generator's modal: the client's figures, the template for its segment (or the one asked), rendered. */
export async function getFollowUpDraft(
  ctx: AppContext,
  workspace: Workspace,
  clientId: number,
  options: { template?: string; asOf?: string } = {},
): Promise<FollowUpDraft> {
  if (options.template !== undefined && !isTemplateKey(options.template))
    throw new AppError('invalid_input', `Modèle inconnu : ${options.template}`);
  const asOf = referenceDateOf(ctx, workspace, options.asOf);
  const c = await clientContext(ctx, workspace, clientId, asOf);
  return draftOf(c, await workspaceTemplates(ctx.database.db, workspace.id), asOf, options.template as TemplateKey | undefined);
}

/**
 * "Relancer tous les VIP inactifs": every VIP gone for over a year that the cadence does not hold
 * back, that has not opted out and has no confirmed gig coming, each with its own message.
 */
export async function listVipFollowUpCandidates(ctx: AppContext, workspace: Workspace, asOf?: string): Promise<FollowUpDraft[]> {
  const date = referenceDateOf(ctx, workspace, asOf);
  const vipLapsed = (await listClients(ctx, workspace, date, { segment: 'lapsed', sort: 'priority' })).filter((c) => c.segment.vip);
  const contexts = (await clientContexts(ctx, workspace, date, vipLapsed)).filter((c) => c.cadence.proposed);
  const templates = await workspaceTemplates(ctx.database.db, workspace.id);
  return contexts.map((c) => draftOf(c, templates, date));
}

// ---------------------------------------------------------------------------------------------
// Recording follow-ups

export type { FollowUpInput } from '../contracts/follow-ups';

/** The text about to go out may not keep a `{{…}}` (an edited message is not rendered again). */
export function assertNoPlaceholderLeft(subject: string, body: string): void {
  const left = leftoverPlaceholder(subject) ?? leftoverPlaceholder(body);
  if (left !== null)
    throw new AppError(
      'invalid_input',
      `Le message contient encore une variable non remplacée : ${left}. Remplacez-la par le texte voulu.`,
    );
}

/**
 * The cadence check every channel goes through: an opted-out client is refused whatever `force`
 * says, and so is one with a message still waiting in the outbox (never two queued to one
 * client); one followed up less than 30 days ago needs `force: true` (the user's confirmation).
 */
export async function assertMayFollowUp(db: Db, workspaceId: number, clientId: number, asOf: IsoDate, force: boolean): Promise<void> {
  const prefs = await getContactPrefs(db, workspaceId, clientId);
  if (prefs?.opted_out_at) {
    throw AppError.worded('conflict', 'cadence.refused.opted_out', undefined, { reason: 'opted_out' });
  }
  if ((await listClientIdsInOutbox(db, workspaceId, clientId)).size > 0) {
    throw AppError.worded('conflict', 'cadence.refused.in_outbox', undefined, { reason: 'in_outbox' });
  }
  const cadence = cadenceOf({
    asOf,
    status: 'active',
    followUps: await listFollowUpDates(db, workspaceId, clientId),
    optedOut: false,
    nextConfirmedGig: null,
  });
  if (cadence.blocked === 'recent_follow_up' && !force) {
    const dates = { lastContact: cadence.lastContact ?? '', allowedFrom: cadence.allowedFrom ?? '' };
    throw AppError.worded('conflict', 'cadence.refused.recent_follow_up', dates, { reason: 'recent_follow_up', ...dates });
  }
}

/** The 90-day window in which a gig counts as obtained by a follow-up, stored with it. */
export function bookingWindow(date: IsoDate, createdAt: Date): { window_end_date: string; window_end_at: string } {
  return {
    window_end_date: addDays(date, CADENCE.bookingWindowDays),
    window_end_at: new Date(createdAt.getTime() + CADENCE.bookingWindowDays * 86_400_000).toISOString(),
  };
}

async function requireClient(db: Db, workspace: Workspace, clientId: number) {
  const client = await getClientRow(db, workspace.id, clientId);
  if (!client) throw new AppError('not_found', 'Client introuvable.');
  return client;
}

/**
 * A follow-up made outside the app's own sending: copied, opened in the mail program, downloaded
 * (.eml) — "à confirmer" until the user says it went out —, or made by phone or otherwise (done).
 * With `followUpId` (the one the same generator recorded first), the message is one follow-up:
 * that record takes the new channel and text instead of a second one being made.
 */
export async function recordFollowUp(ctx: AppContext, workspace: Workspace, input: RecordFollowUpInput): Promise<FollowUp> {
  const { channel, ...f } = input;
  if (channel !== 'phone' && channel !== 'other') assertNoPlaceholderLeft(f.subject, f.body);
  const asOf = todayOf(ctx, workspace);
  const now = ctx.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await requireClient(trx, workspace, f.clientId);
    const same = f.followUpId === undefined ? undefined : await getFollowUp(trx, workspace.id, f.followUpId);
    if (same && same.client_id === f.clientId && OUTSIDE_CHANNELS.has(same.channel) && OUTSIDE_CHANNELS.has(channel)) {
      const updated = await updateFollowUpMessage(trx, workspace.id, same.id, {
        channel,
        subject: f.subject,
        body: f.body,
        template: f.template ?? same.template,
      });
      if (updated) return updated;
    }
    await assertMayFollowUp(trx, workspace.id, f.clientId, asOf, f.force === true);
    return insertFollowUp(trx, {
      workspace_id: workspace.id,
      client_id: f.clientId,
      date: asOf,
      channel,
      template: f.template ?? null,
      subject: f.subject,
      body: f.body,
      status: initialStatus(channel),
      error: null,
      outcome_date: null,
      ...bookingWindow(asOf, now),
      created_at: now.toISOString(),
      confirmed_at: null,
    });
  });
}

/** The channels of a message taken out of the app by the user, one follow-up whichever way it goes. */
const OUTSIDE_CHANNELS: ReadonlySet<FollowUpChannel> = new Set(['copied', 'mailto', 'eml']);

async function requireFollowUp(db: Db, workspace: Workspace, id: number): Promise<FollowUp> {
  const f = await getFollowUp(db, workspace.id, id);
  if (!f) throw new AppError('not_found', 'Relance introuvable.');
  return f;
}

/** "C'est parti": a copied / mailto / .eml follow-up did go out; from now on it counts for the cadence. */
export async function confirmFollowUp(ctx: AppContext, workspace: Workspace, id: number): Promise<FollowUp> {
  const f = await requireFollowUp(ctx.database.db, workspace, id);
  if (f.status !== 'to_confirm') throw new AppError('conflict', 'Seule une relance « à confirmer » peut être confirmée.');
  const updated = await updateFollowUpRow(ctx.database.db, workspace.id, id, { status: 'sent', confirmed_at: ctx.now().toISOString() });
  await markBookingsObtained(ctx, workspace.id);
  return (await getFollowUp(ctx.database.db, workspace.id, id)) ?? updated ?? f;
}

/** « Tout confirmer envoyé »: every one of these still « à confirmer » went out; the others are left as they are. */
export async function confirmFollowUps(ctx: AppContext, workspace: Workspace, ids: readonly number[]): Promise<number[]> {
  const confirmed: number[] = [];
  const at = ctx.now().toISOString();
  for (const id of new Set(ids)) {
    const f = await getFollowUp(ctx.database.db, workspace.id, id);
    if (f?.status !== 'to_confirm') continue;
    await updateFollowUpRow(ctx.database.db, workspace.id, id, { status: 'sent', confirmed_at: at });
    confirmed.push(id);
  }
  if (confirmed.length > 0) await markBookingsObtained(ctx, workspace.id);
  return confirmed;
}

/** A copied / mailto / .eml follow-up that never went out: forgotten. */
export async function discardFollowUp(ctx: AppContext, workspace: Workspace, id: number): Promise<void> {
  const f = await requireFollowUp(ctx.database.db, workspace, id);
  if (f.status !== 'to_confirm') throw new AppError('conflict', 'Seule une relance « à confirmer » peut être abandonnée.');
  await deleteFollowUpRow(ctx.database.db, workspace.id, id);
}

/** The outcome the user records: no answer, answered, booking obtained, declined (with its date). */
export async function setFollowUpOutcome(ctx: AppContext, workspace: Workspace, id: number, o: OutcomeInput): Promise<FollowUp> {
  await requireFollowUp(ctx.database.db, workspace, id);
  const date = o.outcome === 'none' ? null : (o.date ?? todayOf(ctx, workspace));
  const updated = await updateFollowUpRow(ctx.database.db, workspace.id, id, { outcome: o.outcome, outcome_date: date, outcome_auto: 0 });
  if (!updated) throw new AppError('not_found', 'Relance introuvable.');
  return updated;
}

/**
 * A gig created after a follow-up, for the same client, dated or booked within 90 days of it,
 * marks the follow-up "booking obtained". Call it after every write of gigs (a booking, an
 * import): it is one set-based statement over the workspace, cheap when nothing matches.
 */
export async function markBookingsObtained(ctx: AppContext, workspaceId: number): Promise<number> {
  const workspace = await getWorkspace(ctx.database.db, workspaceId);
  if (!workspace) return 0;
  return markBookingsObtainedRows(ctx.database.db, workspaceId, todayOf(ctx, workspace));
}

// ---------------------------------------------------------------------------------------------
// Opt-out

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The client's unsubscribe secret, created at first use. */
export async function unsubscribeTokenOf(db: Db, workspaceId: number, clientId: number): Promise<string> {
  return (await ensureContactPrefs(db, workspaceId, clientId, newToken())).unsubscribe_token;
}

/** "Ne plus contacter" (or contact again): no follow-up of any channel reaches an opted-out client. */
export async function setDoNotContact(
  ctx: AppContext,
  workspace: Workspace,
  clientId: number,
  doNotContact: boolean,
): Promise<{ clientId: number; doNotContact: boolean }> {
  const db = ctx.database.db;
  await requireClient(db, workspace, clientId);
  await ensureContactPrefs(db, workspace.id, clientId, newToken());
  await setOptedOut(db, clientId, doNotContact ? ctx.now().toISOString() : null, doNotContact ? 'user' : null);
  return { clientId, doNotContact };
}

const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

/** The client an unsubscribe token names, with its preferences; null for a token that names no one. */
async function findUnsubscribeLink(db: Db, token: string) {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
  const prefs = await getContactPrefsByToken(db, token);
  const client = prefs ? await getClientRow(db, prefs.workspace_id, prefs.client_id) : undefined;
  return prefs && client ? { prefs, client } : null;
}

/** Who an unsubscribe link is for, read only: a GET (a link checker, a mail preview) never opts anyone out. */
export async function getUnsubscribeLink(
  ctx: AppContext,
  token: string,
): Promise<{ clientName: string; sender: string | null; optedOut: boolean } | null> {
  const found = await findUnsubscribeLink(ctx.database.db, token);
  if (!found) return null;
  const workspace = await getWorkspace(ctx.database.db, found.prefs.workspace_id);
  const djName = workspace ? parseSettings(workspace.settings).djName?.trim() : undefined;
  return { clientName: found.client.name, sender: djName || null, optedOut: found.prefs.opted_out_at !== null };
}

/** The unsubscribe link (route `/unsubscribe/:token`, no session: the token is the key). */
export async function unsubscribeWithToken(ctx: AppContext, token: string): Promise<{ clientName: string; alreadyDone: boolean }> {
  const found = await findUnsubscribeLink(ctx.database.db, token);
  if (!found) throw new AppError('not_found', 'Lien de désinscription inconnu ou expiré.');
  if (found.prefs.opted_out_at) return { clientName: found.client.name, alreadyDone: true };
  await setOptedOut(ctx.database.db, found.prefs.client_id, ctx.now().toISOString(), 'unsubscribe_link');
  return { clientName: found.client.name, alreadyDone: false };
}

// ---------------------------------------------------------------------------------------------
// Listing

/** A follow-up with its client's name, as the API shows it. */
export type FollowUpRecord = FollowUpJson;

function recordOf(f: FollowUpWithClient): FollowUpRecord {
  return {
    id: f.id,
    clientId: f.client_id,
    client: f.client_name,
    date: f.date,
    channel: f.channel,
    template: (f.template as TemplateKey | null) ?? null,
    subject: f.subject,
    body: f.body,
    status: f.status,
    error: f.error,
    errorKind: sendErrorKind(f.error),
    outcome: f.outcome,
    outcomeDate: f.outcome_date,
    outcomeAuto: Number(f.outcome_auto) === 1,
    createdAt: f.created_at,
  };
}

/** Newest first; of one client for its page's timeline. */
export async function listFollowUpRecords(ctx: AppContext, workspace: Workspace, clientId?: number): Promise<FollowUpRecord[]> {
  return (await listFollowUps(ctx.database.db, workspace.id, clientId)).map(recordOf);
}

/** The CLI's `followups --json` line of a follow-up. */
export function followUpJson(f: FollowUpRecord): FollowUpSummaryJson {
  return {
    id: f.id,
    client: f.client,
    date: f.date,
    channel: f.channel,
    template: f.template,
    subject: f.subject,
    status: f.status,
    outcome: f.outcome,
    outcomeDate: f.outcomeDate,
  };
}

/** The public JSON of a draft (HTTP API): revenue in euros. */
export function draftJson(d: FollowUpDraft): Draft {
  const { revenueCents, ...client } = d.client;
  return {
    asOf: d.asOf,
    today: d.today,
    client: { ...client, revenue: centsToEuros(revenueCents) },
    suggestedTemplate: d.suggestedTemplate,
    template: d.template,
    subject: d.subject,
    body: d.body,
    mailto: d.mailto,
    cadence: d.cadence,
  };
}
