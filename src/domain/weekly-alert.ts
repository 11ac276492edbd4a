/**
 * The weekly alert (issue 14): when it is due, by the workspace's wall clock, and what it says. Pure:
 * the instant, the time zone and the figures come in. One alert per week: its key is the Monday of
 * the week of the moment it was due, so that moving the day within a week never makes a second one.
 */
import { addDays, fromDayNumber, toDayNumber, type IsoDate } from './dates';
import { formatEuros, type Cents } from './money';

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface AlertSchedule {
  day: Weekday;
  /** 0–23, in the workspace's time zone. */
  hour: number;
}

export const DEFAULT_ALERT_SCHEDULE: AlertSchedule = { day: 1, hour: 8 };

/** How many clients to follow up the message names; the others are counted. */
export const ALERT_TOP = 5;
/** How many follow-ups waiting for an outcome, or seasonal windows, it names at most. */
export const ALERT_LIST_LIMIT = 10;

/** The wall clock of an instant in a time zone: its calendar date and `HH:MM`. */
export function wallClockIn(timeZone: string, instant: Date): { date: IsoDate; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The ISO weekday of a date (1 = Monday). */
export function weekdayOf(date: IsoDate): Weekday {
  // Day number 0 is 1970-01-01, a Thursday.
  return (((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** The Monday of the date's week. */
export function weekStartOf(date: IsoDate): IsoDate {
  return fromDayNumber(toDayNumber(date) - (weekdayOf(date) - 1));
}

const hhmm = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export interface AlertSlot {
  /** The day it was due, in the workspace's time zone. */
  date: IsoDate;
  /** The Monday of that week: one alert per workspace and week. */
  week: IsoDate;
}

/**
 * The latest moment the alert was due at or before `now` (this week's if its hour has come, else
 * last week's), or null when that moment came before `since` (the alert was turned on after it):
 * a server that was down at the hour sends that week's alert when it starts again, once, and
 * turning the alert on on a Wednesday does not send the Monday's at once.
 */
export function dueAlertSlot(now: Date, timeZone: string, schedule: AlertSchedule, since: Date | null): AlertSlot | null {
  const local = wallClockIn(timeZone, now);
  let date = addDays(weekStartOf(local.date), schedule.day - 1);
  const at = hhmm(schedule.hour);
  if (`${date}T${at}` > `${local.date}T${local.time}`) date = addDays(date, -7);
  if (since) {
    const from = wallClockIn(timeZone, since);
    if (`${date}T${at}` < `${from.date}T${from.time}`) return null;
  }
  return { date, week: weekStartOf(date) };
}

/** The next moment the alert is due after `now`, as a date and `HH:00` in the workspace's time zone. */
export function nextAlertSlot(now: Date, timeZone: string, schedule: AlertSchedule): { date: IsoDate; time: string } {
  const last = dueAlertSlot(now, timeZone, schedule, null);
  return { date: addDays(last?.date ?? wallClockIn(timeZone, now).date, 7), time: hhmm(schedule.hour) };
}

// ---------------------------------------------------------------------------------------------
// The message

export type AlertLanguage = 'fr' | 'en';

export interface AlertClient {
  id: number;
  name: string;
  priority: number;
  /** What the client is worth over 12 months if won back; null when unknown. */
  potentialCents: Cents | null;
}

export interface WeeklyAlertInput {
  language: AlertLanguage;
  /** The seven days the alert is about: from its date, inclusive. */
  week: { from: IsoDate; to: IsoDate };
  /** Every client to follow up, highest priority first (the message names the first five). */
  toFollowUp: readonly AlertClient[];
  /** Follow-ups that went out and wait for an outcome, oldest first. */
  awaitingOutcome: readonly { clientId: number; name: string; date: IsoDate }[];
  /** Seasonal clients whose follow-up window opens within the week. */
  seasonal: readonly { clientId: number; name: string; from: IsoDate; to: IsoDate; nextDate: IsoDate }[];
  /** PUBLIC_URL: each client gets a link when it is set. */
  publicUrl: string | null;
}

export interface WeeklyAlertMessage {
  subject: string;
  text: string;
}

const LOCALE = { fr: 'fr-FR', en: 'en-GB' } as const;

const WORDS = {
  fr: {
    subject: (n: number) =>
      n === 0 ? 'Aucun client à relancer cette semaine' : `${count('fr', n)} client${n > 1 ? 's' : ''} à relancer cette semaine`,
    week: (from: string, to: string) => `Semaine du ${from} au ${to}.`,
    top: (shown: number, n: number) => (shown < n ? `Les ${shown} premiers par priorité :` : 'Par priorité :'),
    none: 'Aucun client à relancer : rien ne presse cette semaine.',
    priority: 'priorité',
    potential: 'potentiel',
    unknown: 'inconnu',
    awaiting: (n: number) => `Relances en attente d’un résultat (${count('fr', n)}) :`,
    sentOn: 'relancé le',
    seasonal: (n: number) => `Relances saisonnières qui s’ouvrent cette semaine (${count('fr', n)}) :`,
    window: (from: string, to: string, next: string) => `à relancer entre le ${from} et le ${to} (date habituelle : ${next})`,
    more: (n: number) => `… et ${count('fr', n)} autre${n > 1 ? 's' : ''}.`,
    open: 'Ouvrir l’application pour relancer :',
    footer: 'Alerte hebdomadaire de DJ Booker Pro : changez le jour, l’heure ou l’adresse dans les réglages (vider l’adresse l’arrête).',
  },
  en: {
    subject: (n: number) =>
      n === 0 ? 'No client to follow up this week' : `${count('en', n)} client${n > 1 ? 's' : ''} to follow up this week`,
    week: (from: string, to: string) => `Week of ${from} to ${to}.`,
    top: (shown: number, n: number) => (shown < n ? `The first ${shown} by priority:` : 'By priority:'),
    none: 'No client to follow up: nothing urgent this week.',
    priority: 'priority',
    potential: 'potential',
    unknown: 'unknown',
    awaiting: (n: number) => `Follow-ups waiting for an outcome (${count('en', n)}):`,
    sentOn: 'followed up on',
    seasonal: (n: number) => `Seasonal follow-ups opening this week (${count('en', n)}):`,
    window: (from: string, to: string, next: string) => `follow up between ${from} and ${to} (usual date: ${next})`,
    more: (n: number) => `… and ${count('en', n)} more.`,
    open: 'Open the app to follow up:',
    footer: 'Weekly alert from DJ Booker Pro: change the day, the hour or the address in the settings (clearing the address stops it).',
  },
} as const;

function count(language: AlertLanguage, n: number): string {
  return n.toLocaleString(LOCALE[language]);
}

const dateFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

function dateText(language: AlertLanguage, date: IsoDate): string {
  return dateFormats[language].format(new Date(`${date}T00:00:00Z`));
}

/** The client's page in the web app (a hash route), when the app has a public address. */
export function clientLink(publicUrl: string | null, clientId: number): string | null {
  return publicUrl === null ? null : `${publicUrl.replace(/\/+$/, '')}/#/clients/${clientId}`;
}

/** A potential is an estimate: whole euros. */
function potentialText(language: AlertLanguage, cents: Cents | null): string {
  return cents === null ? WORDS[language].unknown : formatEuros(Math.round(cents / 100) * 100, LOCALE[language]);
}

function withLink(line: string, link: string | null): string[] {
  return link === null ? [line] : [line, `   ${link}`];
}

/** The e-mail, as plain text: the subject says how many, the body names the first five and what else waits. */
export function composeWeeklyAlert(input: WeeklyAlertInput): WeeklyAlertMessage {
  const lang = input.language;
  const w = WORDS[lang];
  const n = input.toFollowUp.length;
  const lines: string[] = [w.subject(n), '', w.week(dateText(lang, input.week.from), dateText(lang, input.week.to)), ''];
  const top = input.toFollowUp.slice(0, ALERT_TOP);
  if (top.length === 0) lines.push(w.none);
  else {
    lines.push(w.top(top.length, n));
    top.forEach((c, i) => {
      const line = `${i + 1}. ${c.name} — ${w.priority} ${count(lang, Math.round(c.priority))}, ${w.potential} ${potentialText(lang, c.potentialCents)}`;
      lines.push(...withLink(line, clientLink(input.publicUrl, c.id)));
    });
    if (n > top.length) lines.push(w.more(n - top.length));
  }
  if (input.awaitingOutcome.length > 0) {
    lines.push('', w.awaiting(input.awaitingOutcome.length));
    for (const f of input.awaitingOutcome.slice(0, ALERT_LIST_LIMIT)) {
      lines.push(...withLink(`- ${f.name} — ${w.sentOn} ${dateText(lang, f.date)}`, clientLink(input.publicUrl, f.clientId)));
    }
    if (input.awaitingOutcome.length > ALERT_LIST_LIMIT) lines.push(w.more(input.awaitingOutcome.length - ALERT_LIST_LIMIT));
  }
  if (input.seasonal.length > 0) {
    lines.push('', w.seasonal(input.seasonal.length));
    for (const s of input.seasonal.slice(0, ALERT_LIST_LIMIT)) {
      const line = `- ${s.name} — ${w.window(dateText(lang, s.from), dateText(lang, s.to), dateText(lang, s.nextDate))}`;
      lines.push(...withLink(line, clientLink(input.publicUrl, s.clientId)));
    }
    if (input.seasonal.length > ALERT_LIST_LIMIT) lines.push(w.more(input.seasonal.length - ALERT_LIST_LIMIT));
  }
  if (input.publicUrl !== null) lines.push('', `${w.open} ${input.publicUrl}`);
  lines.push('', '--', w.footer);
  return { subject: w.subject(n), text: `${lines.join('\n')}\n` };
}
