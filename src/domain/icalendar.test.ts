import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar, type CalendarEvent } from './icalendar';

function buildEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return { uid: 'gig-1@djbooker', date: '2026-02-14', summary: 'Gergom Events — Gala', status: 'CONFIRMED', ...overrides };
}

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar rendering', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('renders all-day events with CRLF, stable UIDs and an exclusive end date', () => {
    const ics = renderCalendar({
      name: 'DJ, prestations',
      stamp: '2026-01-14T09:30:00.000Z',
      events: [
        buildEvent({ location: 'Salle; Istres', description: 'Montant : 1 250 €\nPrévoir rallonge' }),
        buildEvent({ uid: 'gig-2@djbooker', date: '2026-12-31', status: 'TENTATIVE' }),
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('X-WR-CALNAME:DJ\\, prestations');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260214');
    expect(lines).toContain('DTEND;VALUE=DATE:20260215');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTAMP:20260114T093000Z');
    expect(lines).toContain('LOCATION:Salle\\; Istres');
    expect(lines).toContain('DESCRIPTION:Montant : 1 250 €\\nPrévoir rallonge');
    expect(lines).toContain('STATUS:TENTATIVE');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(['UID:gig-1@djbooker', 'UID:gig-2@djbooker']);
  });
});
