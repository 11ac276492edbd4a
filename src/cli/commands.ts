import type { z } from 'zod';
import { MIN_PASSWORD_LENGTH, addUser } from '../app/auth';
import type { Env } from '../app/env';
import { AppError } from '../app/errors';
import type { AppContext } from '../app/context';
import { listFollowUpRecords } from '../app/follow-ups/record';
import { loadDemo } from '../app/demo';
import { csvExport, writeChunks } from '../app/exports';
import { reportPdf } from '../app/report';
import { weeklyAlertMessage } from '../app/weekly-alert';
import { exportWorkspace, importWorkspace, readWorkspaceFile } from '../app/workspace-archive';
import { importFile, type ImportKind, type ImportReport } from '../app/import-file';
import { clientFiguresJson, clientFiguresSchema, portfolioSummaryJson, portfolioSummarySchema } from '../contracts/clients';
import { followUpJson, followUpSummarySchema } from '../contracts/follow-ups';
import { forecastSchema, predictionJson, predictionModelJson } from '../contracts/predictions';
import { getKpis } from '../app/kpis';
import { getOverview, listAllClients } from '../app/portfolio';
import { CONFIDENCE_LABEL, backtestForecast, getForecast, percentFr, reasonText } from '../app/predictions';
import { recompute } from '../app/recompute';
import { referenceDateOf, resolveWorkspace } from '../app/workspace';
import { thresholdsOf } from '../app/settings';
import { isIsoDate } from '../domain/dates';
import { excerpt } from '../domain/excerpt';
import { nameKey } from '../domain/names';
import { CLIENT_FIELDS, GIG_FIELDS } from '../domain/csv/fields';
import { TEMPLATE_NAMES } from '../domain/follow-ups/templates';
import type { CliOptions } from './main';
import { startServer } from '../server/server';
import { agreeing, count, decimal1, euros, frenchDate, isPlural, table } from './format';
import { kpisText } from './kpis-text';
import { kpisQuerySchema } from '../contracts/kpis';
import type { WorkspaceSettings } from '../contracts/settings';
import { message, pluralMessage, wording } from '../contracts/messages';
import { importWarningText, rejectionText } from '../contracts/import-words';
import { importReportSchema } from '../contracts/imports';
import { readHidden } from './prompt';
import { checkMailbox } from '../app/replies';
import { openSecretBox } from '../app/secret-box';

/** A `--json` output through its contract (src/contracts): what is printed is what the schema says. */
function jsonLine<S extends z.ZodType>(schema: S, value: z.input<S>): string {
  return JSON.stringify(schema.parse(value)) + '\n';
}

export interface CommandIo {
  out: (text: string) => void;
  /** One line for the user beside the output (a wait, a warning): stderr. */
  err: (text: string) => void;
  json: boolean;
  /** The environment, parsed once by main. */
  env: Env;
}

type Command = (ctx: AppContext, args: string[], options: CliOptions, io: CommandIo) => Promise<void>;

const STATUS_LABEL = { active: '🟢 Actif', dormant: '🟠 En veille', lapsed: '🔴 À relancer', prospect: 'Prospect' } as const;
const FOLLOW_UP_CHANNEL_LABEL = {
  email_sent: 'E-mail envoyé',
  copied: 'Copié',
  mailto: 'Messagerie',
  eml: 'Fichier .eml',
  phone: 'Téléphone',
  other: 'Autre',
} as const;
const FOLLOW_UP_STATUS_LABEL = {
  queued: 'En file d’envoi',
  sent: 'Envoyée',
  to_confirm: 'À confirmer',
  uncertain: 'Incertain',
  failed: 'Échec',
} as const;
const FOLLOW_UP_OUTCOME_LABEL = {
  none: '—',
  no_answer: 'Sans réponse',
  answered: 'Réponse',
  booking: 'Réservation obtenue',
  declined: 'Refus',
} as const;
const REPLY_KIND_LABEL = { reply: 'Réponse', auto_reply: 'Réponse automatique', bounce: 'Retour (non distribué)' } as const;
const REPLY_CERTAINTY_LABEL = { certain: 'certaine', probable: 'probable' } as const;
const KIND_ALIASES: Record<string, ImportKind> = { clients: 'clients', gigs: 'gigs', prestations: 'gigs' };

/** The new account's password: from the environment (scripts), else typed twice on the terminal. */
async function passwordFrom(env: Env): Promise<string> {
  if (env.password) return env.password;
  if (!process.stdin.isTTY)
    throw new AppError('usage', 'mot de passe manquant : définissez DJBOOKER_PASSWORD ou lancez la commande dans un terminal.');
  const first = await readHidden(`Mot de passe (au moins ${MIN_PASSWORD_LENGTH} caractères) : `);
  if ((await readHidden('Confirmez le mot de passe : ')) !== first) throw new AppError('usage', 'les deux saisies diffèrent.');
  return first;
}

/** `--map field=Header` options; a field the kind does not have is the command line's mistake, not the file's (exit 2). */
function parseMap(kind: ImportKind, entries: string[] | undefined): Record<string, string> {
  const fields: readonly string[] = kind === 'clients' ? CLIENT_FIELDS : GIG_FIELDS;
  const map: Record<string, string> = {};
  for (const e of entries ?? []) {
    const i = e.indexOf('=');
    const field = e.slice(0, i);
    if (!fields.includes(field)) throw AppError.worded('usage', 'import.problem.unknown_field', { field, fields: fields.join(', ') });
    map[field] = e.slice(i + 1);
  }
  return map;
}

/** The CLI speaks French (the import's codes worded by the catalogue). */
const FRENCH = wording('fr');

/** Rejected rows a terminal shows; the rest are counted (all the kept ones are in --json). */
const SHOWN_REJECTIONS = 50;

/** The workspace's status thresholds as the catalogue's texts quote them (`{active}`, `{lapsed}`). */
function statusThresholdVars(workspace: { settings: WorkspaceSettings }): { active: number; lapsed: number } {
  const t = thresholdsOf(workspace.settings);
  return { active: t.activeDays, lapsed: t.lapsedDays };
}
/** A value in a terminal table: one line, cut short. */
const cellText = (text: string) => excerpt(text.replace(/[\r\n\t]+/g, ' '), 60);

function printImport(io: CommandIo, r: ImportReport): void {
  if (io.json) return;
  // Clients are masculine, prestations feminine: the counts agree with the file's rows.
  const feminine = r.kind === 'gigs';
  const said = (n: number, word: string) => `${n} ${agreeing(word, feminine, isPlural(n))}`;
  const rows = r.kind === 'clients' ? count(r.imported, 'client', 'clients') : count(r.imported, 'prestation', 'prestations');
  // A dry run imported nothing: it says what would be.
  const would = r.dryRun ? (isPlural(r.imported) ? 'seraient ' : 'serait ') : '';
  io.out(`${r.dryRun ? 'Simulation (rien n’a été écrit) — ' : ''}${r.file}\n`);
  io.out(
    `${r.dryRun ? '' : '✅ '}${rows} ${would}${agreeing('importé', feminine, isPlural(r.imported))}, ${said(r.updated, 'mis')} à jour, ${r.duplicates} déjà ${agreeing('présent', feminine, isPlural(r.duplicates))}, ${said(r.rejectedCount, 'rejeté')} — ${count(r.rows, 'ligne', 'lignes')} au total\n`,
  );
  if (r.createdClients.length > 0) {
    const more = r.createdClientsCount - Math.min(r.createdClients.length, SHOWN_REJECTIONS);
    io.out(
      `${r.dryRun ? 'Clients qui seraient créés' : 'Clients créés'} depuis les prestations : ${r.createdClients.slice(0, SHOWN_REJECTIONS).map(cellText).join(', ')}${more > 0 ? ` … et ${count(more, 'autre', 'autres')}` : ''}\n`,
    );
  }
  if (r.rejected.length > 0) {
    const shown = r.rejected.slice(0, SHOWN_REJECTIONS);
    io.out('\nLignes rejetées :\n');
    io.out(
      table(
        ['Ligne', 'Champ', 'Valeur', 'Raison'],
        shown.map((x) => [x.line, cellText(x.header ?? x.field ?? ''), cellText(x.value), cellText(rejectionText(x, FRENCH))]),
        [true],
      ) + '\n',
    );
    if (r.rejectedCount > shown.length) {
      const more = r.rejectedCount - shown.length;
      io.out(`… et ${count(more, 'autre ligne rejetée', 'autres lignes rejetées')} (les ${r.rejected.length} premières avec --json).\n`);
    }
  }
  for (const w of r.warnings) io.out(`⚠️  ${importWarningText(w, FRENCH)}\n`);
}

async function importWorkspaceCommand(ctx: AppContext, path: string, options: CliOptions, io: CommandIo): Promise<void> {
  const file = await readWorkspaceFile(path);
  const workspace = await resolveWorkspace(ctx, options.workspace, true);
  const r = await importWorkspace(ctx, workspace, file);
  if (io.json) return io.out(JSON.stringify({ file: path, ...r }) + '\n');
  const mail = {
    imported: ' ; réglages d’envoi repris (retapez le mot de passe SMTP dans les réglages)',
    kept: ' ; réglages d’envoi existants conservés',
    none: '',
  }[r.mail];
  io.out(
    `✅ ${count(r.clients, 'client', 'clients')}, ${count(r.gigs, 'prestation', 'prestations')}, ${count(r.notes, 'note', 'notes')}, ${count(r.followUps, 'relance', 'relances')} et ${count(r.templates, 'modèle', 'modèles')} importés dans l'espace « ${workspace.name} »${mail}.\n`,
  );
}

export const commands: Record<string, Command> = {
  async import(ctx, args, options, io) {
    const [kindName, path, ...rest] = args;
    if (kindName === 'workspace' && path && rest.length === 0) return importWorkspaceCommand(ctx, path, options, io);
    const kind = kindName === undefined ? undefined : KIND_ALIASES[kindName];
    if (!kind || !path || rest.length > 0)
      throw new AppError('usage', 'usage : djbooker import clients|gigs FICHIER [--map champ=En-tête] [--dry-run]');
    const overrides = parseMap(kind, options.map);
    const workspace = await resolveWorkspace(ctx, options.workspace, true);
    const report = await importFile(ctx, workspace, {
      kind,
      path,
      overrides,
      dryRun: options['dry-run'] === true,
      // Another import (another process) holds the database: wait our turn, however long it takes.
      lockWait: { maxMs: Infinity, onWait: () => io.err('djbooker : un autre import est en cours… attente\n') },
    });
    if (io.json)
      io.out(JSON.stringify(importReportSchema.parse(report)) + '\n'); // the API's report: kind and dry run are the command's own
    else printImport(io, report);
  },

  async export(ctx, args, options, io) {
    const [what, path, ...rest] = args;
    if ((what !== 'clients' && what !== 'gigs' && what !== 'workspace') || !path || rest.length > 0) {
      throw new AppError('usage', 'usage : djbooker export clients|gigs FICHIER.csv | export workspace FICHIER.json');
    }
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const bytes = await writeChunks(path, what === 'workspace' ? exportWorkspace(ctx, workspace) : csvExport(ctx, workspace, what));
    if (io.json) return io.out(JSON.stringify({ file: path, what, bytes }) + '\n');
    io.out(
      `✅ ${what === 'workspace' ? 'Espace de travail exporté' : what === 'clients' ? 'Clients exportés' : 'Prestations exportées'} dans ${path} (${bytes.toLocaleString('fr-FR')} octets).\n`,
    );
  },

  async report(ctx, args, options, io) {
    if (args.length > 0 || !options.pdf)
      throw new AppError('usage', 'usage : djbooker report --pdf FICHIER.pdf [--from AAAA-MM-JJ] [--to AAAA-MM-JJ] [--as-of AAAA-MM-JJ]');
    for (const name of ['from', 'to'] as const) {
      const value = options[name];
      if (value !== undefined && !isIsoDate(value))
        throw new AppError('usage', `--${name} : date invalide « ${value} » (attendu AAAA-MM-JJ).`);
    }
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const { model, pdf } = await reportPdf(ctx, workspace, { asOf: options['as-of'], from: options.from, to: options.to });
    const bytes = await writeChunks(options.pdf, [pdf]);
    if (io.json)
      return io.out(
        JSON.stringify({ file: options.pdf, bytes, asOf: model.asOf, period: model.period, sections: model.sections.map((s) => s.id) }) +
          '\n',
      );
    io.out(
      `✅ Rapport au ${frenchDate(model.asOf)} (période du ${frenchDate(model.period.from)} au ${frenchDate(model.period.to)}) écrit dans ${options.pdf}.\n`,
    );
  },

  /** The weekly alert as it would go out now (the server sends it on its day and hour). */
  async alert(ctx, args, options, io) {
    if (args.length > 0 || options['dry-run'] !== true) {
      throw new AppError(
        'usage',
        'usage : djbooker alert --dry-run (l’alerte part d’elle-même, du serveur, au jour et à l’heure des réglages)',
      );
    }
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const m = await weeklyAlertMessage(ctx, workspace, io.env.publicUrl);
    if (io.json) return io.out(JSON.stringify(m) + '\n');
    io.out(
      `À : ${m.to ?? '(aucune adresse : l’alerte est désactivée ; renseignez-la dans les réglages)'}\nObjet : ${m.subject}\n\n${m.text}`,
    );
  },

  async overview(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const o = await getOverview(ctx, workspace, referenceDateOf(ctx, workspace, options['as-of']));
    if (io.json) return io.out(jsonLine(portfolioSummarySchema, portfolioSummaryJson(o)));
    const th = statusThresholdVars(workspace);
    io.out(
      [
        `📊 VUE D'ENSEMBLE au ${frenchDate(o.asOf)}`,
        `• ${pluralMessage('fr', 'overview.count.clients', o.clients)}`,
        `• ${o.vip} ${message('fr', 'overview.vip')}`,
        `• ${pluralMessage('fr', 'overview.count.active', o.statuses.active, th)}`,
        `• ${o.statuses.dormant} ${message('fr', 'overview.dormant', th)}`,
        `• ${o.statuses.lapsed} ${message('fr', 'overview.lapsed', th)}`,
        `• ${pluralMessage('fr', 'overview.count.prospects', o.statuses.prospect)}`,
        `• CA total : ${euros(o.revenueCents)}`,
        `• ${pluralMessage('fr', 'overview.count.gigs', o.gigs)}`,
      ].join('\n') + '\n',
    );
  },

  async clients(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const asOf = referenceDateOf(ctx, workspace, options['as-of']);
    const list = await listAllClients(ctx, workspace, asOf, { segment: options.segment, sort: options.sort });
    if (io.json) return io.out(jsonLine(clientFiguresSchema.array(), list.map(clientFiguresJson)));
    io.out(
      table(
        ['Client', 'Statut', 'VIP', 'Prest.', 'CA', 'Dernière', 'Jours', 'Tarifs', 'Priorité', 'Potentiel'],
        list.map((c) => {
          const s = c.segment;
          return [
            c.name,
            STATUS_LABEL[s.status],
            s.vip ? '🟡 VIP' : '',
            s.stats.gigs,
            euros(s.stats.revenueCents),
            frenchDate(s.stats.lastDate),
            s.daysInactive ?? '—',
            s.stats.priceMinCents === null ? '—' : `${euros(s.stats.priceMinCents)} – ${euros(s.stats.priceMaxCents)}`,
            s.priority === null ? '—' : s.priority.toLocaleString('fr-FR'),
            s.potential ? euros(s.potential.cents) : '—',
          ];
        }),
        [false, false, false, true, true, false, true, false, true, true],
      ) + `\n${count(list.length, 'client', 'clients')} au ${frenchDate(asOf)}\n`,
    );
  },

  async kpis(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const query = kpisQuerySchema.safeParse({ from: options.from, to: options.to, asOf: options['as-of'] });
    if (!query.success) throw new AppError('usage', `date invalide (${String(query.error.issues[0]?.path[0] ?? '')}) : attendu AAAA-MM-JJ`);
    const k = await getKpis(ctx, workspace, query.data);
    if (io.json) return io.out(JSON.stringify(k) + '\n');
    io.out(kpisText(k, statusThresholdVars(workspace)));
  },

  async recompute(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const result = await recompute(ctx, workspace);
    if (io.json) return io.out(JSON.stringify(result) + '\n');
    io.out(
      `Segmentations recalculées : ${count(result.clients, 'client', 'clients')}, ${count(result.gigs, 'prestation', 'prestations')}.\n`,
    );
  },

  async predict(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    if (options['horizon-days'] !== undefined && !options.backtest)
      throw new AppError('usage', '--horizon-days ne sert qu’avec --backtest.');
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const asOf = referenceDateOf(ctx, workspace, options['as-of']);
    if (options.backtest) {
      const b = await backtestForecast(ctx, workspace, asOf, { horizonDays: options['horizon-days'] });
      if (io.json) return io.out(JSON.stringify({ ...b, model: predictionModelJson(b.model, reasonText) }) + '\n');
      const weeks = Number.isInteger(b.horizonWeeks) ? `${count(b.horizonWeeks, 'semaine', 'semaines')}, ` : '';
      io.out(
        `Calibration jusqu'au ${frenchDate(b.calibrationEnd)} ; prévision sur ${weeks}${count(b.horizonDays, 'jour', 'jours')}, jusqu'au ${frenchDate(b.horizonEnd)} (fin des données : ${frenchDate(b.dataEnd)}) ; ${CONFIDENCE_LABEL[b.model.confidence]}.\n`,
      );
      io.out(
        table(
          ['Client', 'Prévu', 'Historique', 'Réel'],
          b.rows.map((r) => [r.name, r.predictedGigs === null ? '—' : decimal1(r.predictedGigs), decimal1(r.naiveGigs), r.actualGigs]),
          [false, true, true, true],
        ) + '\n',
      );
      const t = b.totals;
      io.out(
        `Total sur ${count(b.horizonDays, 'jour', 'jours')} : prévu ${decimal1(t.predictedGigs)}, historique ${decimal1(t.naiveGigs)}, réel ${t.actualGigs} ; erreur moyenne par client ${decimal1(t.meanAbsoluteErrorGigs)} (historique : ${decimal1(t.naiveMeanAbsoluteErrorGigs)}).\n`,
      );
      return;
    }
    const f = await getForecast(ctx, workspace, asOf);
    if (io.json)
      return io.out(
        jsonLine(forecastSchema, { asOf: f.asOf, model: predictionModelJson(f.model, reasonText), clients: f.clients.map(predictionJson) }),
      );
    const reasons = f.model.reasons.map(reasonText);
    io.out(
      `Prévisions au ${frenchDate(f.asOf)} — ${count(f.model.clients, 'client', 'clients')} avec historique, ${count(f.model.repeaters, 'fidèle', 'fidèles')}, ${CONFIDENCE_LABEL[f.model.confidence]}${reasons.length ? ` (${reasons.join(', ')})` : ''}\n`,
    );
    io.out(
      table(
        ['Client', 'Encore client', 'Prest. 12 mois', 'CA attendu 12 mois', 'Si reconquis', 'Relance saisonnière'],
        f.clients.map((c) => [
          c.name,
          c.prediction.pAlive === null ? (c.prediction.expectedGigs === null ? '—' : 'inconnu (1 prest.)') : percentFr(c.prediction.pAlive),
          c.prediction.expectedGigs === null ? '—' : decimal1(c.prediction.expectedGigs),
          euros(c.prediction.expectedRevenueCents),
          euros(c.prediction.revenueIfWonBackCents),
          c.seasonal ? `${frenchDate(c.seasonal.followUpFrom)} → ${frenchDate(c.seasonal.followUpTo)}` : '',
        ]),
        [false, true, true, true, true, false],
      ) + '\n',
    );
  },

  async demo(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const workspace = await resolveWorkspace(ctx, options.workspace, true);
    const { clients, gigs, referenceDate } = await loadDemo(ctx, workspace);
    if (io.json) {
      return io.out(
        JSON.stringify({
          workspace: workspace.name,
          referenceDate,
          clients: importReportSchema.parse(clients),
          gigs: importReportSchema.parse(gigs),
        }) + '\n',
      );
    }
    printImport(io, clients);
    printImport(io, gigs);
    io.out(`Date de référence de l'espace « ${workspace.name} » : ${frenchDate(referenceDate)}.\n`);
  },

  async followups(ctx, args, options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    let list = await listFollowUpRecords(ctx, workspace);
    if (options.client !== undefined) {
      const key = nameKey(options.client);
      list = list.filter((f) => nameKey(f.clientName) === key);
      if (
        list.length === 0 &&
        !(await listAllClients(ctx, workspace, referenceDateOf(ctx, workspace))).some((c) => nameKey(c.name) === key)
      ) {
        throw new AppError('not_found', `Client inconnu : « ${options.client} ».`);
      }
    }
    if (io.json) return io.out(jsonLine(followUpSummarySchema.array(), list.map(followUpJson)));
    io.out(
      table(
        ['Date', 'Client', 'Canal', 'Modèle', 'Sujet', 'Statut', 'Résultat'],
        list.map((f) => [
          frenchDate(f.date),
          f.clientName,
          FOLLOW_UP_CHANNEL_LABEL[f.channel],
          f.template ? TEMPLATE_NAMES[f.template] : '—',
          f.subject,
          FOLLOW_UP_STATUS_LABEL[f.status],
          f.outcome === 'none' ? '—' : `${FOLLOW_UP_OUTCOME_LABEL[f.outcome]} (${frenchDate(f.outcomeDate)})`,
        ]),
      ) + `\n${count(list.length, 'relance', 'relances')}\n`,
    );
  },

  async replies(ctx, args, options, io) {
    if (args.length > 0 || options.check !== true)
      throw new AppError('usage', 'usage : djbooker replies --check [--workspace ESPACE] [--json]');
    const workspace = await resolveWorkspace(ctx, options.workspace, false);
    const result = await checkMailbox(
      { ...ctx, secretBox: openSecretBox({ secretKey: io.env.secretKey, dataDir: ctx.database.dataDir }) },
      workspace.id,
    );
    if (!result)
      throw new AppError('invalid_input', 'Aucune boîte de réception n’est configurée : renseignez-la dans Réglages → Boîte de réception.');
    if (io.json) return io.out(JSON.stringify(result) + '\n');
    const clients = new Map((await listAllClients(ctx, workspace, referenceDateOf(ctx, workspace))).map((c) => [c.id, c.name]));
    io.out(
      `${result.folder} : ${count(result.read, 'message lu', 'messages lus')}` +
        `${result.uidValidityChanged ? ' (dossier renuméroté par le serveur : relu depuis le début)' : ''}, ${result.ignored} sans rapport avec une relance\n`,
    );
    if (result.matched.length === 0) return io.out('Aucune réponse à une relance.\n');
    io.out(
      table(
        ['Client', 'Message', 'Type', 'Correspondance', 'Effet'],
        result.matched.map((m) => [
          clients.get(m.clientId) ?? `#${m.clientId}`,
          excerpt(m.subject, 60),
          REPLY_KIND_LABEL[m.kind],
          REPLY_CERTAINTY_LABEL[m.certainty],
          m.applied ? 'relance marquée « Réponse »' : m.kind === 'bounce' ? 'adresse en échec' : '—',
        ]),
      ) + '\n',
    );
  },

  async serve(ctx, args, _options, io) {
    if (args.length > 0) throw new AppError('usage', `argument inattendu : ${args[0]}`);
    const { app } = await startServer({
      database: ctx.database,
      now: ctx.now,
      host: io.env.host,
      port: io.env.port,
      env: io.env,
      log: (line) => io.out(`${line}\n`),
    });
    // Serves until stopped; the database is closed by main once this returns.
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.out('Arrêt du serveur…\n');
    await app.close();
  },

  async users(ctx, args, options, io) {
    if (args[0] !== 'add' || args.length > 1 || !options.email || !options.name) {
      throw new AppError(
        'usage',
        'usage : djbooker users add --email E-MAIL --name NOM [--workspace ESPACE] [--role owner|member] (mot de passe : $DJBOOKER_PASSWORD ou saisi)',
      );
    }
    const password = await passwordFrom(io.env);
    const { user, workspace, createdWorkspace } = await addUser(ctx, {
      name: options.name,
      email: options.email,
      password,
      workspace: options.workspace,
      role: options.role,
    });
    if (io.json) {
      return io.out(
        JSON.stringify({
          user: { id: user.id, name: user.name, email: user.email, role: user.role },
          workspace: { id: workspace.id, name: workspace.name },
          createdWorkspace,
        }) + '\n',
      );
    }
    const role = user.role === 'owner' ? 'propriétaire' : 'membre';
    io.out(
      `Compte créé pour ${user.email} (${role}) dans l'espace de travail « ${workspace.name} »${createdWorkspace ? ' (nouveau)' : ''}.\n`,
    );
  },
};
