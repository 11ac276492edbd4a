/**
 * The generator's side of follow-ups: one client's figures, cadence and rendered message (the
 * draft), the VIP batch's drafts, and the settings' live preview of a template.
 */
import { listClientsWithConfirmedGig, listFollowUpDates, listOptedOutClientIds, listTakenDates } from '../../db/follow-ups';
import { listClientIdsInOutbox } from '../../db/outbox-admin';
import { listFailingEmails } from '../../db/replies';
import type { Workspace } from '../../db/workspaces';
import { addDays, type IsoDate } from '../../domain/dates';
import { mailtoLink } from '../../domain/email';
import type { Cents } from '../../domain/money';
import { cadenceOf, type Cadence, type FollowUpStatus } from '../../domain/follow-ups/cadence';
import { nextFreeWeekendDates } from '../../domain/follow-ups/free-dates';
import { placeholderValues, type MessageFacts } from '../../domain/follow-ups/placeholders';
import {
  chooseTemplate,
  renderTemplate,
  validateTemplate,
  type MessageText,
  type TemplateKey,
  type TemplateProblem,
} from '../../domain/follow-ups/templates';
import type { ClientStatus } from '../../domain/segments';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { getPortfolioClient, listAllClients, type ClientView, type PortfolioClient } from '../portfolio';
import { referenceDateOf, todayOf } from '../workspace';
import { isTemplateKey, workspaceTemplates, type TemplateView } from './templates';

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

function figuresOf(v: ClientView): FollowUpFigures {
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
  return new Map((await listAllClients(ctx, workspace, today)).map((v) => [v.id, v]));
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
  const settings = workspace.settings;
  const freeDates = nextFreeWeekendDates(today, taken);
  const byClient = new Map<number, { date: string; status: FollowUpStatus }[]>();
  for (const f of followUps) {
    const list = byClient.get(f.clientId) ?? [];
    list.push({ date: f.date, status: f.status });
    byClient.set(f.clientId, list);
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
      figures: figuresOf(view),
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
  if (!view) throw AppError.worded('not_found', 'error.clientNotFound');
  const [one] = await clientContexts(ctx, workspace, asOf, [view]);
  if (!one) throw AppError.worded('not_found', 'error.clientNotFound');
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
    throw AppError.worded('invalid_input', 'error.templateUnknown', { key: options.template });
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
  const vipLapsed = (await listAllClients(ctx, workspace, date, { segment: 'lapsed', sort: 'priority' })).filter((c) => c.segment.vip);
  const contexts = (await clientContexts(ctx, workspace, date, vipLapsed)).filter((c) => c.cadence.proposed);
  const templates = await workspaceTemplates(ctx.database.db, workspace.id);
  return contexts.map((c) => draftOf(c, templates, date));
}

// ---------------------------------------------------------------------------------------------
// The live preview of a template

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
  const settings = workspace.settings;
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
