import { describe, expect, it } from 'vitest';
import { parseDuration, parseGigStatus } from './gig-values.js';

describe('parseGigStatus', () => {
  it.each([
    ['done', ['réalisée', 'Réalisé', 'REALISEES', 'effectuée', 'faite', 'terminée', 'passée', 'done', 'Completed', 'played', '', '  ']],
    ['confirmed', ['confirmée', 'Confirmé', 'signée', 'réservée', 'booked', 'CONFIRMED', 'à venir']],
    ['option', ['option', 'Optionnelle', 'en option', 'provisoire', 'tentative', 'pencil', 'à confirmer']],
    ['cancelled', ['annulée', 'Annulé', 'cancelled', 'canceled', 'ANNULÉES']],
  ] as const)('reads %s', (status, texts) => {
    for (const text of texts) expect(parseGigStatus(text), text).toBe(status);
  });

  it('returns null for what it cannot read', () => {
    expect(parseGigStatus('peut-être')).toBeNull();
    expect(parseGigStatus('ok?')).toBeNull();
  });
});

describe('parseDuration', () => {
  it.each([
    ['4', 240],
    ['4,5', 270],
    ['4.5', 270],
    ['4h', 240],
    ['4 h', 240],
    ['4h30', 270],
    ['4 h 30', 270],
    ['04:30', 270],
    ['4:30:00', 270],
    ['240 min', 240],
    ['90mn', 90],
    ['4,33', 260],
    ['5 heures', 300],
  ] as const)('reads %j as %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', 'toute la nuit', '22h-4h', '4h75', '-2'])('returns null for %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
