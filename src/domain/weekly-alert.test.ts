import { describe, expect, it } from 'vitest';
import { composeWeeklyAlert, dueAlertSlot, nextAlertSlot, weekdayOf, weekStartOf, type WeeklyAlertInput } from './weekly-alert';

const PARIS = 'Europe/Paris';
const MONDAY_8 = { day: 1, hour: 8 } as const;

describe('when the weekly alert is due', () => {
  it('knows the weekdays and the Monday of a week', () => {
    expect(weekdayOf('2026-01-19')).toBe(1);
    expect(weekdayOf('2026-01-18')).toBe(7);
    expect(weekStartOf('2026-01-18')).toBe('2026-01-12');
    expect(weekStartOf('2026-01-19')).toBe('2026-01-19');
  });

  it('is this week’s from the hour on, in the workspace’s time zone, and last week’s before it', () => {
    // Monday 19 January 2026, 08:00 in Paris is 07:00 UTC.
    expect(dueAlertSlot(new Date('2026-01-19T06:59:59Z'), PARIS, MONDAY_8, null)).toEqual({ date: '2026-01-12', week: '2026-01-12' });
    expect(dueAlertSlot(new Date('2026-01-19T07:00:00Z'), PARIS, MONDAY_8, null)).toEqual({ date: '2026-01-19', week: '2026-01-19' });
    expect(dueAlertSlot(new Date('2026-01-24T12:00:00Z'), PARIS, MONDAY_8, null)).toEqual({ date: '2026-01-19', week: '2026-01-19' });
    // Summer time: 08:00 in Paris is 06:00 UTC.
    expect(dueAlertSlot(new Date('2026-07-06T06:00:00Z'), PARIS, MONDAY_8, null)?.date).toBe('2026-07-06');
    expect(dueAlertSlot(new Date('2026-07-06T05:59:00Z'), PARIS, MONDAY_8, null)?.date).toBe('2026-06-29');
  });

  it('a Sunday alert belongs to the week that ends that Sunday', () => {
    expect(dueAlertSlot(new Date('2026-01-25T20:00:00Z'), PARIS, { day: 7, hour: 18 }, null)).toEqual({
      date: '2026-01-25',
      week: '2026-01-19',
    });
  });

  it('is not due for a moment before the alert was turned on', () => {
    const since = new Date('2026-01-21T10:00:00Z'); // a Wednesday
    expect(dueAlertSlot(new Date('2026-01-22T10:00:00Z'), PARIS, MONDAY_8, since)).toBeNull();
    expect(dueAlertSlot(new Date('2026-01-26T07:00:00Z'), PARIS, MONDAY_8, since)?.date).toBe('2026-01-26');
  });

  it('says when it goes out next', () => {
    expect(nextAlertSlot(new Date('2026-01-21T10:00:00Z'), PARIS, MONDAY_8)).toEqual({ date: '2026-01-26', time: '08:00' });
    expect(nextAlertSlot(new Date('2026-01-19T06:00:00Z'), PARIS, MONDAY_8)).toEqual({ date: '2026-01-19', time: '08:00' });
  });
});

const clients = Array.from({ length: 7 }, (_, i) => ({
  id: 10 + i,
  name: `Client ${i + 1}`,
  priority: 150 - i * 10,
  potentialCents: 123_456 - i * 10_000,
}));
const input: WeeklyAlertInput = {
  language: 'fr',
  week: { from: '2026-01-19', to: '2026-01-25' },
  toFollowUp: clients,
  awaitingOutcome: [{ clientId: 30, name: 'Mairie de Gap', date: '2026-01-05' }],
  seasonal: [{ clientId: 40, name: 'Camping Les Pins', from: '2026-01-20', to: '2026-02-20', nextDate: '2026-04-20' }],
  publicUrl: 'https://crm.example.fr',
};

describe('the weekly alert’s message', () => {
  it('counts the clients to follow up, names the first five with potential and link, then what waits', () => {
    const m = composeWeeklyAlert(input);
    expect(m.subject).toBe('7 clients à relancer cette semaine');
    expect(m.text).toContain('Semaine du 19 janv. 2026 au 25 janv. 2026.');
    expect(m.text).toMatch(/^1\. Client 1 — priorité 150, potentiel 1\u202f235\u00a0€$/mu);
    expect(m.text).toContain('   https://crm.example.fr/#/clients/10');
    expect(m.text).toContain('5. Client 5');
    expect(m.text).not.toContain('Client 6');
    expect(m.text).toContain('… et 2 autres.');
    expect(m.text).toContain(
      'Relances en attente d’un résultat (1) :\n- Mairie de Gap — relancé le 5 janv. 2026\n   https://crm.example.fr/#/clients/30',
    );
    expect(m.text).toContain('- Camping Les Pins — à relancer entre le 20 janv. 2026 et le 20 févr. 2026');
  });

  it('has no link without a public address, and says so when nobody is to follow up', () => {
    const m = composeWeeklyAlert({ ...input, toFollowUp: [], awaitingOutcome: [], seasonal: [], publicUrl: null });
    expect(m.subject).toBe('Aucun client à relancer cette semaine');
    expect(m.text).not.toContain('http');
    expect(m.text).not.toContain('Relances');
  });

  it('speaks English when the workspace does', () => {
    const m = composeWeeklyAlert({ ...input, language: 'en', toFollowUp: clients.slice(0, 1) });
    expect(m.subject).toBe('1 client to follow up this week');
    expect(m.text).toContain('1. Client 1 — priority 150, potential €1,235');
    expect(m.text).toContain('Week of 19 Jan 2026 to 25 Jan 2026.');
  });
});
