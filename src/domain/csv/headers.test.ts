import { describe, expect, it } from 'vitest';
import { readDemo } from '../../../test/fixtures/csv/read-fixtures.js';
import { headerKey, mapHeaders } from './headers.js';

const demoHeaders = (name: string) => new TextDecoder().decode(readDemo(name)).split('\n')[0]!.split(',');

describe('headerKey', () => {
  it('ignores case, accents, punctuation, underscores, articles and units', () => {
    expect(headerKey('Date de la prestation')).toBe(headerKey('DATE_PRESTATION'));
    expect(headerKey('Durée (h)')).toBe('duree');
    expect(headerKey('Tél.')).toBe('tel');
    expect(headerKey("  Type d'événement ")).toBe('type evenement');
    expect(headerKey('Prix (€)')).toBe('prix');
  });
});

describe('mapHeaders', () => {
  it("maps the demo files' headers", () => {
    expect(mapHeaders('clients', demoHeaders('clients_dj_clean.csv'))).toEqual({
      ok: true,
      mapping: {
        name: 0,
        contact: 1,
        email: 2,
        phone: 3,
        city: 4,
        category: 5,
        statGigs: 6,
        statRevenue: 7,
        statFirstDate: 8,
        statLastDate: 9,
        statPriceMin: 10,
        statPriceMax: 11,
      },
      ignored: [],
    });
    expect(mapHeaders('gigs', demoHeaders('prestations_dj_clean.csv'))).toEqual({
      ok: true,
      mapping: { reference: 0, date: 1, client: 2, type: 3, venue: 4, city: 5, amount: 6, duration: 7, status: 8, notes: 9 },
      ignored: [],
    });
  });

  it.each([
    ['Raison sociale', 'name'],
    ['Nom du client', 'name'],
    ['Société', 'name'],
    ['Company', 'name'],
    ['CUSTOMER', 'name'],
    ['Téléphone', 'phone'],
    ['Tél.', 'phone'],
    ['Portable', 'phone'],
    ['E-mail', 'email'],
    ['Courriel', 'email'],
    ['Ville', 'city'],
    ['Catégorie', 'category'],
    ['Remarques', 'notes'],
    ['Commentaire', 'notes'],
    ['Interlocuteur', 'contact'],
    ['Contact', 'contact'],
    ['nb_prestations', 'statGigs'],
    ['ca_total', 'statRevenue'],
    ['premiere_prestation', 'statFirstDate'],
    ['derniere_prestation', 'statLastDate'],
    ['tarif_min', 'statPriceMin'],
    ['tarif_max', 'statPriceMax'],
  ])('clients: %j is %s', (header, field) => {
    const headers = field === 'name' ? [header] : ['Raison sociale', header];
    const result = mapHeaders('clients', headers);
    expect(result.ok && result.mapping).toHaveProperty(field, headers.length - 1);
  });

  it.each([
    ['Date', 'date'],
    ['Date événement', 'date'],
    ['Date de la prestation', 'date'],
    ['Event date', 'date'],
    ['Prix', 'amount'],
    ['Tarif', 'amount'],
    ['Montant', 'amount'],
    ['Amount', 'amount'],
    ['Price', 'amount'],
    ['Fee', 'amount'],
    ['Cachet', 'amount'],
    ['Montant HT', 'amountHt'],
    ['Total HT', 'amountHt'],
    ['Montant TTC', 'amountTtc'],
    ['Prix TTC', 'amountTtc'],
    ["Type d'événement", 'type'],
    ['Lieu', 'venue'],
    ['Salle', 'venue'],
    ['Durée (h)', 'duration'],
    ['Statut', 'status'],
    ['Référence', 'reference'],
    ['N° facture', 'reference'],
    ['Remarques', 'notes'],
  ])('gigs: %j is %s', (header, field) => {
    // The other required columns, under headers that cannot compete with the one tried.
    const others =
      field === 'date' ? ['Client', 'Cachet net'] : field.startsWith('amount') ? ['Client', 'Date'] : ['Client', 'Date', 'Cachet net'];
    const result = mapHeaders('gigs', [...others, header], others.includes('Cachet net') ? { amount: 'Cachet net' } : {});
    expect(result.ok && result.mapping).toHaveProperty(field, others.length);
  });

  it('gives the company the name and the person the contact when a file has both', () => {
    const result = mapHeaders('clients', ['Nom', 'Société', 'Ville']);
    expect(result).toEqual({ ok: true, mapping: { name: 1, contact: 0, city: 2 }, ignored: [] });
  });

  it('keeps both HT and TTC columns mapped and lists the headers it does not use', () => {
    const result = mapHeaders('gigs', ['Raison sociale', 'Date', 'Montant HT', 'Montant TTC', 'Acompte', '']);
    expect(result).toEqual({ ok: true, mapping: { client: 0, date: 1, amountHt: 2, amountTtc: 3 }, ignored: ['Acompte'] });
  });

  it('names the missing required columns and the headers it saw', () => {
    expect(mapHeaders('gigs', ['Client', 'Lieu', 'Acompte'])).toEqual({
      ok: false,
      missing: ['date', 'amount'],
      seen: ['Client', 'Lieu', 'Acompte'],
      problem: { code: 'missing_columns', missing: ['date', 'amount'], headers: ['Client', 'Lieu', 'Acompte'], more: 0 },
    });
    const clients = mapHeaders('clients', ['Ville']);
    expect(!clients.ok && clients.problem).toEqual({ code: 'missing_columns', missing: ['name'], headers: ['Ville'], more: 0 });
  });

  it('lets an override win, matched leniently, and refuses one naming a header or field that does not exist', () => {
    expect(mapHeaders('gigs', ['Client', 'Date', 'Prix', 'Cachet net'], { amount: 'cachet NET' })).toMatchObject({
      ok: true,
      mapping: { client: 0, date: 1, amount: 3 },
      ignored: ['Prix'],
    });
    expect(mapHeaders('gigs', ['Client', 'Date', 'Prix'], { amount: 'Cachet' })).toMatchObject({
      ok: false,
      problem: { code: 'unknown_header', field: 'amount', header: 'Cachet', headers: ['Client', 'Date', 'Prix'], more: 0 },
    });
    expect(mapHeaders('gigs', ['Client', 'Date', 'Prix'], { price: 'Prix' })).toMatchObject({
      ok: false,
      problem: { code: 'unknown_field', field: 'price' },
    });
  });

  it('reads a field mapped to the empty string from no column, and still requires the required ones', () => {
    const result = mapHeaders('clients', ['Nom', 'Ville', 'Remarques'], { notes: '' });
    expect(result).toMatchObject({ ok: true, mapping: { name: 0, city: 1 }, ignored: ['Remarques'] });
    expect(result.ok && result.mapping.notes).toBeUndefined();
    expect(mapHeaders('clients', ['Nom', 'Ville'], { name: '' })).toMatchObject({
      ok: false,
      problem: { code: 'missing_columns' },
      missing: ['name'],
    });
  });
});
