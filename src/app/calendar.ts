/** The secret iCalendar feed of a workspace's booked gigs. */
import { randomBytes } from 'node:crypto';
import { listUpcomingGigs } from '../db/gigs';
import { getWorkspaceByCalendarToken, setCalendarToken, type Workspace } from '../db/workspaces';
import { renderCalendar, type CalendarEvent } from '../domain/icalendar';
import { formatEuros } from '../domain/money';
import type { AppContext } from './context';
import { AppError } from './errors';
import { todayOf } from './workspace';

/** Far more than a DJ books ahead; bounds the feed whatever the data. */
const MAX_EVENTS = 5000;

/** The feed's secret, made on first request: whoever holds it reads the calendar. */
export async function calendarToken(ctx: AppContext, workspace: Workspace): Promise<string> {
  if (workspace.calendarToken) return workspace.calendarToken;
  return rotateCalendarToken(ctx, workspace);
}

/** A new secret: the old URL stops working (a phone that leaked it, a shared screenshot). */
export async function rotateCalendarToken(ctx: AppContext, workspace: Workspace): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await setCalendarToken(ctx.database.db, workspace.id, token);
  return token;
}

export async function renderCalendarFeed(ctx: AppContext, token: string): Promise<string> {
  const workspace = await getWorkspaceByCalendarToken(ctx.database.db, token);
  if (!workspace) throw AppError.worded('not_found', 'error.calendarNotFound');
  const gigs = await listUpcomingGigs(ctx.database.db, workspace.id, todayOf(ctx, workspace), MAX_EVENTS);
  const djName = workspace.settings.djName;
  const events = gigs.map((g): CalendarEvent => ({
    uid: `gig-${g.id}-${workspace.id}@djbooker`,
    date: g.date,
    summary: `${g.status === 'option' ? '(option) ' : ''}${g.clientName}${g.type ? ` — ${g.type}` : ''}`,
    location: [g.venue, g.city].filter((x) => x).join(', ') || null,
    description: [`Montant : ${formatEuros(Number(g.amountCents))}`, g.notes].filter((x) => x).join('\n'),
    status: g.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
  }));
  return renderCalendar({
    name: djName ? `${djName} — prestations` : 'DJ Booker Pro — prestations',
    stamp: ctx.now().toISOString(),
    events,
  });
}
