import { describe, expect, it } from 'vitest';
import { cadenceOf, type CadenceInput } from './cadence';

function build(overrides: Partial<CadenceInput> = {}): CadenceInput {
  return { asOf: '2026-01-14', status: 'lapsed', followUps: [], optedOut: false, nextConfirmedGig: null, ...overrides };
}

describe('cadenceOf', () => {
  it('offers a client never followed up', () => {
    expect(cadenceOf(build())).toEqual({
      lastContact: null,
      allowedFrom: null,
      blocked: null,
      nextGentleReminder: null,
      proposed: true,
      notProposedBecause: null,
    });
  });

  it('blocks for 30 days after a follow-up, and says from when', () => {
    const day29 = cadenceOf(build({ followUps: [{ date: '2025-12-16', status: 'sent' }] }));
    expect(day29).toMatchObject({ blocked: 'recent_follow_up', allowedFrom: '2026-01-15', proposed: false });
    const day30 = cadenceOf(build({ followUps: [{ date: '2025-12-15', status: 'sent' }] }));
    expect(day30).toMatchObject({ blocked: null, allowedFrom: '2026-01-14', proposed: true });
  });

  it('counts only a follow-up that went out: not a copy to confirm, a failed e-mail, nor one still in the outbox', () => {
    for (const status of ['to_confirm', 'failed', 'queued', 'uncertain'] as const) {
      expect(cadenceOf(build({ followUps: [{ date: '2026-01-10', status }] })), status).toMatchObject({ blocked: null, lastContact: null });
    }
    expect(cadenceOf(build({ followUps: [{ date: '2026-01-10', status: 'sent' }] })).blocked).toBe('recent_follow_up');
  });

  it('holds back a client with a message waiting in the outbox, without calling it a follow-up', () => {
    const waiting = cadenceOf(build({ followUps: [{ date: '2026-01-10', status: 'queued' }], inOutbox: true }));
    expect(waiting).toMatchObject({
      blocked: 'in_outbox',
      lastContact: null,
      allowedFrom: null,
      proposed: false,
      notProposedBecause: 'in_outbox',
    });
    expect(cadenceOf(build({ optedOut: true, inOutbox: true })).blocked).toBe('opted_out');
  });

  it('treats a follow-up dated after the reference date as recent', () => {
    expect(cadenceOf(build({ followUps: [{ date: '2026-03-01', status: 'sent' }] })).blocked).toBe('recent_follow_up');
  });

  it('gives dormant clients a gentle reminder 60 days after the last contact', () => {
    const dormant = build({
      status: 'dormant',
      followUps: [
        { date: '2025-11-20', status: 'sent' },
        { date: '2025-12-01', status: 'sent' },
      ],
    });
    expect(cadenceOf(dormant)).toMatchObject({
      lastContact: '2025-12-01',
      blocked: null,
      nextGentleReminder: '2026-01-30',
      proposed: false,
      notProposedBecause: 'gentle_reminder_later',
    });
    expect(cadenceOf({ ...dormant, asOf: '2026-01-30' })).toMatchObject({ proposed: true });
    expect(cadenceOf(build({ status: 'dormant' })).nextGentleReminder).toBe('2026-01-14');
  });

  it('never offers an opted-out client nor one with a confirmed upcoming gig', () => {
    expect(cadenceOf(build({ optedOut: true }))).toMatchObject({ blocked: 'opted_out', proposed: false });
    expect(cadenceOf(build({ nextConfirmedGig: '2026-02-01' }))).toMatchObject({
      blocked: null,
      proposed: false,
      notProposedBecause: 'booked',
    });
  });
});
