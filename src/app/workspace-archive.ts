/**
 * The whole workspace as one JSON file (docs/workspace-export.md): clients, gigs, notes,
 * follow-ups and their outcomes, edited templates, settings and the SMTP settings without their
 * password. Records reference each other by stable keys (a client by its normalised name),
 * never by database ids, so that the file can be imported into another installation.
 * Exporting, importing into an empty workspace and exporting again gives the same bytes apart
 * from `exportedAt`.
 */
import { inputIssues } from '../contracts/errors';
import { inputIssueText, isMessageKey } from '../contracts/input-words';
import { message, type Lang, type MessageKey, type Vars } from '../contracts/messages';
import { templateProblemsText } from '../contracts/template-words';
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from '../domain/dates';
import { TEMPLATE_KEYS, validateTemplate } from '../domain/follow-ups/templates';
import { gigIdentity } from '../domain/gig-identity';
import { nameKey } from '../domain/names';
import { refreshClientTotals } from '../db/clients';
import { clientKeysById, hasWorkspaceRecords, listContactPrefsRows, loadRows, pagesOf } from '../db/exports';
import { listEditedTemplates } from '../db/follow-ups';
import { getMailSettingsRow } from '../db/mail-settings';
import { workspaceSettingsSchema } from '../contracts/settings';
import { bumpDataVersion, updateWorkspace, type Workspace } from '../db/workspaces';
import type { AppContext } from './context';
import { AppError, fileError } from './errors';

export const WORKSPACE_FORMAT = 'djbooker-workspace';
export const WORKSPACE_FORMAT_VERSION = 1;
/** A workspace file larger than this is refused before it is read (about 1.5 million gigs). */
export const MAX_WORKSPACE_FILE_BYTES = 512 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => text(max).nullable();
const isoDate = z.string().refine(isIsoDate, 'date AAAA-MM-JJ attendue');
const instant = z.string().min(1).max(40);
const key = z.string().min(1).max(400);

const clientSchema = z.strictObject({
  key,
  name: z.string().trim().min(1).max(400),
  contact: nullableText(400),
  email: nullableText(400),
  phone: nullableText(100),
  city: nullableText(400),
  category: nullableText(400),
  notes: nullableText(20_000),
  fileGigs: z.number().int().min(0).nullable(),
  fileRevenueCents: z.number().int().nullable(),
  optedOut: z.strictObject({ at: instant, source: z.enum(['user', 'unsubscribe_link']).nullable() }).nullable(),
  createdAt: instant,
  updatedAt: instant,
});

const gigSchema = z.strictObject({
  client: key,
  date: isoDate,
  amountCents: z.number().int().min(-1e12).max(1e12),
  status: z.enum(['done', 'confirmed', 'option', 'cancelled']),
  type: nullableText(400),
  venue: nullableText(400),
  city: nullableText(400),
  durationMinutes: z.number().int().min(0).max(100_000).nullable(),
  notes: nullableText(20_000),
  reference: nullableText(400),
  createdAt: instant,
  updatedAt: instant,
});

const noteSchema = z.strictObject({ client: key, text: text(10_000).min(1), createdAt: instant, updatedAt: instant });

const followUpSchema = z.strictObject({
  client: key,
  date: isoDate,
  channel: z.enum(['email_sent', 'copied', 'mailto', 'eml', 'phone', 'other']),
  template: z.enum(TEMPLATE_KEYS as [string, ...string[]]).nullable(),
  subject: text(1000),
  body: text(100_000),
  status: z.enum(['queued', 'sent', 'to_confirm', 'uncertain', 'failed']),
  error: nullableText(5000),
  outcome: z.enum(['none', 'no_answer', 'answered', 'booking', 'declined']),
  outcomeDate: isoDate.nullable(),
  outcomeAuto: z.boolean(),
  windowEndDate: isoDate,
  windowEndAt: instant,
  createdAt: instant,
  confirmedAt: instant.nullable(),
});

const workspaceFileSchema = z.strictObject({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(WORKSPACE_FORMAT_VERSION),
  exportedAt: instant,
  settings: z.strictObject({
    timeZone: z.string().refine(isValidTimeZone, 'fuseau horaire inconnu'),
    referenceDate: isoDate.nullable(),
    workspace: workspaceSettingsSchema,
  }),
  mail: z
    .strictObject({
      host: text(255).min(1),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean(),
      username: nullableText(255),
      fromName: text(200),
      fromAddress: text(254),
    })
    .nullable(),
  templates: z.array(
    z.strictObject({ key: z.enum(TEMPLATE_KEYS as [string, ...string[]]), subject: text(200), body: text(20_000), updatedAt: instant }),
  ),
  clients: z.array(clientSchema),
  gigs: z.array(gigSchema),
  notes: z.array(noteSchema),
  followUps: z.array(followUpSchema),
});
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

/** JSON with object keys sorted, so that settings written in any order serialise the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** An array written one record per line: readable, diffable, and streamed a page at a time. */
async function* arrayLines<T>(name: string, pages: AsyncIterable<T[]>, last = false): AsyncGenerator<string> {
  yield `  ${JSON.stringify(name)}: [`;
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield page.map((r) => `${first ? ((first = false), '') : ','}\n    ${JSON.stringify(r)}`).join('');
  }
  yield `${first ? '' : '\n  '}]${last ? '' : ','}\n`;
}

async function* mapPages<R, T>(pages: AsyncIterable<R[]>, f: (row: R) => T): AsyncGenerator<T[]> {
  for await (const page of pages) yield page.map(f);
}

async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}

/** The workspace file, as chunks of text. */
export async function* exportWorkspace(ctx: AppContext, workspace: Workspace): AsyncGenerator<string> {
  const db = ctx.database.db;
  const keys = await clientKeysById(db, workspace.id);
  const keyOf = (clientId: number) => keys.get(clientId) ?? '';
  const mail = await getMailSettingsRow(db, workspace.id);
  const prefs = new Map((await listContactPrefsRows(db, workspace.id)).map((p) => [p.client_id, p]));
  const templates = (await listEditedTemplates(db, workspace.id)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  yield '{\n';
  yield `  "format": ${JSON.stringify(WORKSPACE_FORMAT)},\n  "version": ${WORKSPACE_FORMAT_VERSION},\n  "exportedAt": ${JSON.stringify(ctx.now().toISOString())},\n`;
  const settings = {
    timeZone: workspace.timeZone,
    referenceDate: workspace.referenceDate,
    workspace: canonical(workspace.settings),
  };
  yield `  "settings": ${JSON.stringify(settings)},\n`;
  // Never the password, not even encrypted: its key stays with the installation.
  const mailJson = mail
    ? {
        host: mail.host,
        port: mail.port,
        secure: mail.secure === 1,
        username: mail.username,
        fromName: mail.fromName,
        fromAddress: mail.fromAddress,
      }
    : null;
  yield `  "mail": ${JSON.stringify(mailJson)},\n`;
  yield* arrayLines('templates', once(templates.map((t) => ({ key: t.key, subject: t.subject, body: t.body, updatedAt: t.updatedAt }))));
  yield* arrayLines(
    'clients',
    mapPages(pagesOf(db, 'clients', workspace.id), (c) => {
      const p = prefs.get(c.id);
      return {
        key: c.name_key,
        name: c.name,
        contact: c.contact,
        email: c.email,
        phone: c.phone,
        city: c.city,
        category: c.category,
        notes: c.notes,
        fileGigs: c.file_gigs,
        fileRevenueCents: c.file_revenue_cents === null ? null : Number(c.file_revenue_cents),
        optedOut: p?.opted_out_at ? { at: p.opted_out_at, source: p.opt_out_source } : null,
        createdAt: c.created_at,
        updatedAt: c.updated_at,
      };
    }),
  );
  yield* arrayLines(
    'gigs',
    mapPages(pagesOf(db, 'gigs', workspace.id), (g) => ({
      client: keyOf(g.client_id),
      date: g.date,
      amountCents: Number(g.amount_cents),
      status: g.status,
      type: g.type,
      venue: g.venue,
      city: g.city,
      durationMinutes: g.duration_minutes,
      notes: g.notes,
      reference: g.reference,
      createdAt: g.created_at,
      updatedAt: g.updated_at,
    })),
  );
  yield* arrayLines(
    'notes',
    mapPages(pagesOf(db, 'notes', workspace.id), (n) => ({
      client: keyOf(n.client_id),
      text: n.text,
      createdAt: n.created_at,
      updatedAt: n.updated_at,
    })),
  );
  yield* arrayLines(
    'followUps',
    mapPages(pagesOf(db, 'follow_ups', workspace.id), (f) => ({
      client: keyOf(f.client_id),
      date: f.date,
      channel: f.channel,
      template: f.template,
      subject: f.subject,
      body: f.body,
      status: f.status,
      error: f.error,
      outcome: f.outcome,
      outcomeDate: f.outcome_date,
      outcomeAuto: f.outcome_auto === 1,
      windowEndDate: f.window_end_date,
      windowEndAt: f.window_end_at,
      createdAt: f.created_at,
      confirmedAt: f.confirmed_at,
    })),
    true,
  );
  yield '}\n';
}

export interface WorkspaceImportReport {
  clients: number;
  gigs: number;
  notes: number;
  followUps: number;
  templates: number;
  mail: 'imported' | 'kept' | 'none';
}

/** A workspace file refused: what is wrong with it, in the reader's language. */
function invalid(problem: (lang: Lang) => string): AppError {
  return AppError.composed('invalid_file', (lang) => message(lang, 'error.archive.invalid', { problem: problem(lang) }));
}

function invalidAs(key: MessageKey, vars?: Vars): AppError {
  return invalid((lang) => message(lang, key, vars));
}

/** Reads and checks a workspace file: its format and version, every record, every reference. */
export async function readWorkspaceFile(path: string): Promise<WorkspaceFile> {
  let raw: string;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_WORKSPACE_FILE_BYTES)
        throw invalidAs('error.archive.tooLarge', { size: Math.round(size / 1e6), max: MAX_WORKSPACE_FILE_BYTES / 1024 / 1024 });
      raw = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError(path, e);
  }
  return parseWorkspaceJson(raw);
}

/** Checks a workspace file's text (a file read, or an upload from the web): format, version, records, references. */
export function parseWorkspaceJson(raw: string): WorkspaceFile {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw invalidAs('error.archive.notJson', { detail: e instanceof Error ? e.message : String(e) });
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!head.success || head.data.format !== WORKSPACE_FORMAT) throw invalidAs('error.archive.format', { format: WORKSPACE_FORMAT });
  if (head.data.version > WORKSPACE_FORMAT_VERSION) {
    throw invalidAs('error.archive.newer', { version: head.data.version, supported: WORKSPACE_FORMAT_VERSION });
  }
  const parsed = workspaceFileSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = inputIssues(parsed.error, isMessageKey);
    const more = parsed.error.issues.length - 1;
    throw invalid((lang) =>
      message(lang, more > 0 ? 'error.archive.issues' : 'error.archive.issue', {
        path: issue?.path.join('.') ?? '',
        issue: issue ? inputIssueText(issue, (key, vars) => message(lang, key, vars)) : '',
        more,
      }),
    );
  }
  checkReferences(parsed.data);
  return parsed.data;
}

function checkReferences(file: WorkspaceFile): void {
  const keys = new Set<string>();
  const nameKeys = new Map<string, string>();
  for (const c of file.clients) {
    if (keys.has(c.key)) throw invalidAs('error.archive.duplicateKey', { key: c.key });
    keys.add(c.key);
    const other = nameKeys.get(nameKey(c.name));
    if (other !== undefined) throw invalidAs('error.archive.sameClient', { name: c.name, other });
    nameKeys.set(nameKey(c.name), c.name);
  }
  for (const [list, key] of [
    [file.gigs, 'error.archive.gigClient'],
    [file.notes, 'error.archive.noteClient'],
    [file.followUps, 'error.archive.followUpClient'],
  ] as const) {
    list.forEach((r, i) => {
      if (!keys.has(r.client)) throw invalidAs(key, { n: i + 1, client: r.client });
    });
  }
  for (const t of file.templates) {
    const problems = validateTemplate(t);
    if (problems.length > 0)
      throw invalid((lang) =>
        message(lang, 'error.archive.template', {
          key: t.key,
          problem: templateProblemsText(problems.slice(0, 1), (key, vars) => message(lang, key, vars)),
        }),
      );
  }
}

/**
 * The web's upload: the refusal of a workspace that is not empty comes before the file is read
 * (a large file is not checked for nothing); importWorkspace checks again in its transaction.
 */
export async function importWorkspaceText(ctx: AppContext, workspace: Workspace, text: string): Promise<WorkspaceImportReport> {
  if (await hasWorkspaceRecords(ctx.database.db, workspace.id)) throw AppError.worded('conflict', 'error.archive.notEmpty');
  return importWorkspace(ctx, workspace, parseWorkspaceJson(text));
}

/** Imports a workspace file into a workspace that holds no client, gig, note or follow-up yet. One transaction. */
export async function importWorkspace(ctx: AppContext, workspace: Workspace, file: WorkspaceFile): Promise<WorkspaceImportReport> {
  return ctx.database.bulkTransaction(async (trx, load) => {
    if (await hasWorkspaceRecords(trx, workspace.id)) {
      throw AppError.worded('conflict', 'error.archive.notEmptyCli');
    }
    const w = workspace.id;
    await updateWorkspace(trx, w, {
      timeZone: file.settings.timeZone,
      referenceDate: file.settings.referenceDate,
      settings: file.settings.workspace,
    });

    let mail: WorkspaceImportReport['mail'] = 'none';
    if (file.mail) {
      const current = await getMailSettingsRow(trx, w);
      if (current) mail = 'kept';
      else {
        const m = file.mail;
        await trx
          .insertInto('mail_settings')
          .values({
            workspace_id: w,
            host: m.host,
            port: m.port,
            secure: m.secure ? 1 : 0,
            username: m.username,
            password_encrypted: null,
            from_name: m.fromName,
            from_address: m.fromAddress,
            updated_at: ctx.now().toISOString(),
          })
          .execute();
        mail = 'imported';
      }
    }
    for (const t of file.templates) {
      await trx.deleteFrom('follow_up_templates').where('workspace_id', '=', w).where('key', '=', t.key).execute();
      await trx
        .insertInto('follow_up_templates')
        .values({ workspace_id: w, key: t.key, subject: t.subject, body: t.body, updated_at: t.updatedAt })
        .execute();
    }

    await loadRows(
      load,
      'clients',
      [
        'workspace_id',
        'name',
        'name_key',
        'contact',
        'email',
        'phone',
        'city',
        'category',
        'notes',
        'file_gigs',
        'file_revenue_cents',
        'created_at',
        'updated_at',
      ],
      file.clients.map((c) => [
        w,
        c.name,
        nameKey(c.name),
        c.contact,
        c.email,
        c.phone,
        c.city,
        c.category,
        c.notes,
        c.fileGigs,
        c.fileRevenueCents,
        c.createdAt,
        c.updatedAt,
      ]),
    );
    const idByNameKey = new Map(
      (await trx.selectFrom('clients').select(['id', 'name_key']).where('workspace_id', '=', w).execute()).map((r) => [r.name_key, r.id]),
    );
    const idOf = new Map(file.clients.map((c) => [c.key, idByNameKey.get(nameKey(c.name)) ?? 0]));
    const nameOf = new Map(file.clients.map((c) => [c.key, c.name]));
    const client = (k: string) => idOf.get(k) ?? 0;

    const optedOut = file.clients.filter((c) => c.optedOut);
    await loadRows(
      load,
      'client_contact_prefs',
      ['client_id', 'workspace_id', 'opted_out_at', 'opt_out_source', 'unsubscribe_token'],
      optedOut.map((c) => [client(c.key), w, c.optedOut?.at ?? null, c.optedOut?.source ?? null, randomBytes(24).toString('base64url')]),
    );

    // A gig's identity across later imports, ranked as an import ranks identical gigs.
    const occurrences = new Map<string, number>();
    await loadRows(
      load,
      'gigs',
      [
        'workspace_id',
        'client_id',
        'date',
        'amount_cents',
        'status',
        'type',
        'venue',
        'city',
        'duration_minutes',
        'notes',
        'reference',
        'dedupe_key',
        'occurrence',
        'import_id',
        'created_at',
        'updated_at',
      ],
      file.gigs.map((g) => {
        const identity = gigIdentity({
          reference: g.reference,
          clientName: nameOf.get(g.client) ?? '',
          date: g.date,
          amountCents: g.amountCents,
          type: g.type,
        });
        const occurrence = (occurrences.get(identity) ?? 0) + 1;
        occurrences.set(identity, occurrence);
        return [
          w,
          client(g.client),
          g.date,
          g.amountCents,
          g.status,
          g.type,
          g.venue,
          g.city,
          g.durationMinutes,
          g.notes,
          g.reference,
          identity,
          occurrence,
          null,
          g.createdAt,
          g.updatedAt,
        ];
      }),
    );
    await loadRows(
      load,
      'notes',
      ['workspace_id', 'client_id', 'text', 'created_at', 'updated_at'],
      file.notes.map((n) => [w, client(n.client), n.text, n.createdAt, n.updatedAt]),
    );
    await loadRows(
      load,
      'follow_ups',
      [
        'workspace_id',
        'client_id',
        'date',
        'channel',
        'template',
        'subject',
        'body',
        'status',
        'error',
        'outcome',
        'outcome_date',
        'outcome_auto',
        'window_end_date',
        'window_end_at',
        'created_at',
        'confirmed_at',
      ],
      file.followUps.map((f) => [
        w,
        client(f.client),
        f.date,
        f.channel,
        f.template,
        f.subject,
        f.body,
        f.status,
        f.error,
        f.outcome,
        f.outcomeDate,
        f.outcomeAuto ? 1 : 0,
        f.windowEndDate,
        f.windowEndAt,
        f.createdAt,
        f.confirmedAt,
      ]),
    );

    await refreshClientTotals(trx, w);
    await bumpDataVersion(trx, w);
    return {
      clients: file.clients.length,
      gigs: file.gigs.length,
      notes: file.notes.length,
      followUps: file.followUps.length,
      templates: file.templates.length,
      mail,
    };
  });
}
