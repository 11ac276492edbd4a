import { describe, expect, it } from 'vitest';
import { suggestBooking } from './suggest';

describe('suggestBooking: a new booking from the client’s history', () => {
  it('takes the usual type, venue (with its city) and price', () => {
    const gigs = [
      { date: '2025-06-01', amount: 900, status: 'done', type: 'Mariage', venue: 'Château', city: 'Aix' },
      { date: '2024-06-01', amount: 800, status: 'done', type: 'Soirée', venue: 'Les Docks', city: 'Marseille' },
      { date: '2023-06-01', amount: 800, status: 'done', type: 'Soirée', venue: 'Les Docks', city: 'Marseille' },
      { date: '2026-01-01', amount: 5000, status: 'cancelled', type: 'Gala', venue: 'Palais', city: 'Nice' },
    ];
    expect(suggestBooking(gigs)).toEqual({ type: 'Soirée', venue: 'Les Docks', city: 'Marseille', amount: 800 });
  });

  it('breaks a tie with the most recent gig, and says nothing without history', () => {
    const gigs = [
      { date: '2023-01-01', amount: 300, status: 'done', type: 'Bar', venue: null, city: null },
      { date: '2025-01-01', amount: 350, status: 'done', type: 'Anniversaire', venue: null, city: 'Gap' },
    ];
    expect(suggestBooking(gigs)).toEqual({ type: 'Anniversaire', venue: null, city: 'Gap', amount: 350 });
    expect(suggestBooking([])).toBeNull();
  });
});
