/**
 * Yearly recurrence: clients whose gigs come back at about the same date each year (a Christmas
 * party in December, the Fête de la musique on 21 June, an end-of-year ball, a club's season
 * opening). BG/NBD treats gigs as memoryless, so a December-only client looks lapsed in July; this
 * says when the next one is due and when to call.
 *
 * Conventions:
 * - a date's place in the year is its month and day on a 366-day wheel (Feb 29 = day 59, Mar 1 =
 *   day 60 every year), so 21 June is the same point in leap and common years;
 * - distances are circular on that wheel (28 December and 3 January are 7 days apart);
 * - a gig belongs to the occurrence of the anchor (the anchor's date in some year) nearest to it,
 *   so a 28 Dec 2023 gig and a 3 Jan 2024 gig around a 31 Dec anchor are ONE occurrence (the 2023 one);
 * - a client is seasonal when at least `minYears` distinct occurrences have a gig within
 *   ±`windowDays` of a common anchor, AND its gigs are concentrated there: at least `minShare` of
 *   them fall in that window, or the year has an off-season (no gig for `minOffSeasonDays` in a
 *   row on the wheel, e.g. a summer camping). A bar that books every month is not seasonal even
 *   though every date has gigs in several years;
 * - the next usual date is the first anchor date after the reference date whose occurrence has no
 *   gig yet on or before the reference date; the follow-up window runs from 3 to 2 months before it.
 */
import { type IsoDate, addMonths, dayNumberOf, daysInMonth, fromDayNumber, toDayNumber } from '../dates';

export interface SeasonalityOptions {
  /** Half-width of the window around the anchor, in days (default 21). */
  windowDays?: number;
  /** Distinct yearly occurrences needed (default 2). */
  minYears?: number;
  /** Share of the client's gigs that must fall in the window, unless there is an off-season (default 0.5). */
  minShare?: number;
  /** A yearly gap without gigs at least this long makes a season (default 120 days). */
  minOffSeasonDays?: number;
}

export interface SeasonalPattern {
  /** The usual date, as month (1–12) and day. */
  anchorMonth: number;
  anchorDay: number;
  /** Years of the occurrences found (the anchor's year for each), ascending. */
  years: number[];
  /** Next usual date strictly after the reference date. */
  nextDate: IsoDate;
  /** Suggested follow-up window: 3 months to 2 months before `nextDate`. */
  followUpFrom: IsoDate;
  followUpTo: IsoDate;
  /** True when the reference date is already past `followUpFrom` (call now). */
  followUpDue: boolean;
  /**
   * The gigs that make the pattern, one per occurrence (the nearest to the anchor), ascending: the
   * months to name are theirs, not the anchor's (a 14 July gig is "juillet" even if the anchor is in August).
   */
  dates: IsoDate[];
  /**
   * One line in French (CLI): "a fait sa soirée en décembre 2023 et janvier 2025 : relancer entre le
   * 14 sept. et le 14 oct.". The web words the same facts from its messages.
   */
  explanation: string;
}

const WHEEL = 366;
// Cumulative days before each month on a leap-year calendar.
const MONTH_START = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** « 28 févr. »: the follow-up window is said as dates. */
const DAY_MONTH_FR = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });

interface Gig {
  day: number;
  year: number;
  position: number;
}

/** The number written by `date`'s characters [from, to): parse runs on every gig of every client. */
function digitsOf(date: IsoDate, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n = n * 10 + date.charCodeAt(k) - 48;
  return n;
}

function parse(date: IsoDate): Gig {
  const month = digitsOf(date, 5, 7);
  return { day: toDayNumber(date), year: digitsOf(date, 0, 4), position: (MONTH_START[month - 1] as number) + digitsOf(date, 8, 10) - 1 };
}

function circularDistance(p: number, q: number): number {
  const d = Math.abs(p - q) % WHEEL;
  return Math.min(d, WHEEL - d);
}

function monthDayOf(position: number): { month: number; day: number } {
  let month = 12;
  while (month > 1 && (MONTH_START[month - 1] as number) > position) month--;
  return { month, day: position - (MONTH_START[month - 1] as number) + 1 };
}

/** The anchor's date in `year`; 29 February becomes the 28th in common years. */
function anchorDate(position: number, year: number): number {
  const { month, day } = monthDayOf(position);
  return dayNumberOf(year, month, Math.min(day, daysInMonth(year, month)));
}

/**
 * Year of the anchor occurrence nearest to the gig, by arithmetic on the wheel (called for every gig
 * × candidate anchor, so no date is built): the anchor's place seen from the gig, one wheel turn
 * before or after the gig's year when the shortest way round crosses New Year. Exact for the gigs it
 * is asked about, which lie within the window of the anchor, far from the half-year where the
 * wheel's 366 days and a common year's 365 could disagree.
 */
function occurrenceYear(gig: Gig, position: number): number {
  let d = (gig.position - position) % WHEEL;
  if (d > WHEEL / 2) d -= WHEEL;
  else if (d < -WHEEL / 2) d += WHEEL;
  const anchorPlace = gig.position - d;
  if (anchorPlace < 0) return gig.year - 1;
  return anchorPlace >= WHEEL ? gig.year + 1 : gig.year;
}

function occurrences(gigs: readonly Gig[], position: number, windowDays: number): Set<number> {
  const years = new Set<number>();
  for (const g of gigs) if (circularDistance(g.position, position) <= windowDays) years.add(occurrenceYear(g, position));
  return years;
}

/** The most gigs that fit in a span of `width` days on the wheel (going round New Year). */
function densestWindow(positions: readonly number[], width: number): number {
  const sorted = [...positions].sort((p, q) => p - q);
  const doubled = [...sorted, ...sorted.map((p) => p + WHEEL)];
  let best = 0;
  let start = 0;
  for (let end = 0; end < doubled.length; end++) {
    while ((doubled[end] as number) - (doubled[start] as number) > width) start++;
    best = Math.max(best, Math.min(end - start + 1, sorted.length));
  }
  return best;
}

/** Circular mean of positions on the wheel, rounded to a day. */
function circularMean(positions: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const p of positions) {
    s += Math.sin((2 * Math.PI * p) / WHEEL);
    c += Math.cos((2 * Math.PI * p) / WHEEL);
  }
  const angle = Math.atan2(s, c);
  return ((Math.round((angle * WHEEL) / (2 * Math.PI)) % WHEEL) + WHEEL) % WHEEL;
}

/** « juin 2022, 2023 et 2024 » when the months agree, else « décembre 2023 et janvier 2025 ». */
function monthsFr(dates: readonly IsoDate[]): string {
  const month = (d: IsoDate) => MONTHS_FR[Number(d.slice(5, 7)) - 1] as string;
  const first = dates[0] as IsoDate;
  if (dates.every((d) => month(d) === month(first))) return `${month(first)} ${listFr(dates.map((d) => d.slice(0, 4)))}`;
  return listFr(dates.map((d) => `${month(d)} ${d.slice(0, 4)}`));
}

function listFr(items: readonly (string | number)[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/**
 * Finds the client's yearly pattern from the dates of done gigs (only those on or before the
 * reference date count), or null. When several anchors tie (a club playing every week of its
 * season), the one after the longest gap without gigs wins: the start of the season.
 */
export function detectSeasonality(
  gigDates: readonly IsoDate[],
  referenceDate: IsoDate,
  options: SeasonalityOptions = {},
): SeasonalPattern | null {
  const windowDays = options.windowDays ?? 21;
  const minYears = options.minYears ?? 2;
  const referenceDay = toDayNumber(referenceDate);
  const gigs = gigDates.map(parse).filter((g) => g.day <= referenceDay);
  if (gigs.length < minYears) return null;

  const positions = [...new Set(gigs.map((g) => g.position))].sort((p, q) => p - q);
  const longestGap = Math.max(...positions.map((p, i) => ((positions[(i + 1) % positions.length] as number) - p + WHEEL) % WHEEL || WHEEL));
  const minShare = options.minShare ?? 0.5;
  const offSeason = longestGap >= (options.minOffSeasonDays ?? 120);
  // No window can gather enough of the gigs and there is no off-season: the search below could
  // not accept this client, so spare it (a weekly club has hundreds of candidate anchors).
  if (
    !offSeason &&
    densestWindow(
      gigs.map((g) => g.position),
      2 * windowDays,
    ) <
      minShare * gigs.length
  )
    return null;
  // Candidates: every gig's place, plus the midpoints between neighbours (two gigs 30 days apart
  // share an anchor within ±21 days only at their midpoint).
  const candidates = [...positions];
  positions.forEach((position, i) => {
    const next = positions[(i + 1) % positions.length] as number;
    const gap = (next - position + WHEEL) % WHEEL;
    if (gap > 1 && gap <= 2 * windowDays) candidates.push((position + Math.floor(gap / 2)) % WHEEL);
  });
  let best: { position: number; count: number; gapBefore: number } | null = null;
  for (const position of candidates) {
    const count = occurrences(gigs, position, windowDays).size;
    // Distance back to the previous gig place (the whole wheel when there is only one place).
    let gapBefore = WHEEL;
    for (const q of positions) {
      const back = (position - q + WHEEL) % WHEEL;
      if (back > 0 && back < gapBefore) gapBefore = back;
    }
    if (!best || count > best.count || (count === best.count && gapBefore > best.gapBefore)) best = { position, count, gapBefore };
  }
  const chosen = best as { position: number; count: number } | null;
  if (!chosen || chosen.count < minYears) return null;

  // Centre the anchor on the gigs it gathered, unless that loses occurrences.
  const gathered = gigs.filter((g) => circularDistance(g.position, chosen.position) <= windowDays);
  if (gathered.length < minShare * gigs.length && !offSeason) return null;
  const centred = circularMean(gathered.map((g) => g.position));
  const isTie = positions.length > 1 && gathered.length > chosen.count * 2;
  let anchor = chosen.position;
  if (!isTie && occurrences(gigs, centred, windowDays).size >= chosen.count) anchor = centred;
  const years = [...occurrences(gigs, anchor, windowDays)].sort((p, q) => p - q);

  // Next anchor date after the reference date whose occurrence is not already done.
  const referenceYear = Number(referenceDate.slice(0, 4));
  let nextDay = Number.NaN;
  for (let y = referenceYear - 1; y <= referenceYear + 2; y++) {
    const day = anchorDate(anchor, y);
    if (day > referenceDay && !years.includes(y)) {
      nextDay = day;
      break;
    }
  }
  const nextDate = fromDayNumber(nextDay);
  const followUpFrom = addMonths(nextDate, -3);
  const followUpTo = addMonths(nextDate, -2);
  const { month, day } = monthDayOf(anchor);
  const dates = years.map((y) => {
    let nearest: Gig | null = null;
    for (const g of gigs) {
      if (circularDistance(g.position, anchor) > windowDays || occurrenceYear(g, anchor) !== y) continue;
      if (!nearest || Math.abs(g.day - anchorDate(anchor, y)) < Math.abs(nearest.day - anchorDate(anchor, y))) nearest = g;
    }
    return fromDayNumber((nearest as Gig).day);
  });
  const due = toDayNumber(followUpFrom) <= referenceDay;
  const dayMonth = (date: IsoDate) => DAY_MONTH_FR.format(new Date(`${date}T00:00:00Z`));
  const when = due
    ? `relancer dès maintenant (avant le ${dayMonth(followUpTo)})`
    : `relancer entre le ${dayMonth(followUpFrom)} et le ${dayMonth(followUpTo)}`;
  return {
    anchorMonth: month,
    anchorDay: day,
    years,
    nextDate,
    followUpFrom,
    followUpTo,
    followUpDue: due,
    dates,
    explanation: `a fait sa soirée en ${monthsFr(dates.slice(-3))} : ${when}`,
  };
}
