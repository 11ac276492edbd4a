/**
 * iCalendar (RFC 5545) of booked gigs, for the DJ's phone calendar: all-day events, stable
 * UIDs, escaped text, CRLF line ends and lines folded at 75 octets. Pure: the instant of the
 * DTSTAMP comes in.
 */
import { addDays, type IsoDate } from './dates';

export interface CalendarEvent {
  /** Stable across renderings, so that a calendar updates an event instead of adding it again. */
  uid: string;
  date: IsoDate;
  summary: string;
  location?: string | null;
  description?: string | null;
  status: 'CONFIRMED' | 'TENTATIVE';
}

export interface CalendarFeed {
  name: string;
  /** ISO instant of the rendering (DTSTAMP). */
  stamp: string;
  events: readonly CalendarEvent[];
}

/** TEXT values: backslash, semicolon and comma escaped, every line break as `\n` (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line: at most 75 octets per line, continuation lines start with a space (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      // The leading space of a continuation line counts towards its 75 octets.
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function basicDate(date: IsoDate): string {
  return date.replaceAll('-', '');
}

function basicInstant(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export function renderCalendar(feed: CalendarFeed): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DJ Booker Pro//Calendrier//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.name)}`,
  ];
  for (const e of feed.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${basicInstant(feed.stamp)}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.status}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
