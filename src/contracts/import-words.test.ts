import { describe, expect, it } from 'vitest';
import { importFileProblemText, importWarningText, rejectionText } from './import-words';
import type { ImportFileProblem } from './imports';
import { wording } from './messages';

const fr = wording('fr');
const en = wording('en');
const at = { line: 2, field: 'date', header: 'Date', value: '31/02/2025' };

describe('the words of an import', () => {
  it('words a rejection from its code, in French as DJs read it, and in English', () => {
    expect(rejectionText({ ...at, code: 'date_impossible' }, fr)).toBe('Date impossible : 31/02/2025');
    expect(rejectionText({ ...at, code: 'date_impossible' }, en)).toBe('No such date: 31/02/2025');
    expect(rejectionText({ ...at, code: 'too_many_columns', columns: 6, expected: 5 }, fr)).toBe(
      'Ligne avec trop de colonnes (6 au lieu de 5)',
    );
    expect(rejectionText({ ...at, code: 'quote_unclosed', quoteLine: 5, resumeLine: 6 }, fr)).toBe(
      'Guillemet ouvert ligne 5 et non refermé : ligne ignorée, lecture reprise ligne 6',
    );
    expect(rejectionText({ ...at, code: 'client_repeated', firstLine: 3 }, en)).toBe('Client already on line 3 of this file');
  });

  it('shows a reason stored before the codes as it was written', () => {
    expect(rejectionText({ line: 2, field: 'date', value: 'x', message: 'Date illisible : x' }, en)).toBe('Date illisible : x');
  });

  it('words warnings, naming the first items and counting the others', () => {
    expect(importWarningText({ code: 'dates_ambiguous', header: 'Date' }, fr)).toBe(
      'Colonne « Date » : dates ambiguës (jour et mois ≤ 12), lues en jour/mois/année.',
    );
    const emails = Array.from({ length: 20 }, (_, i) => ({ line: i + 2, value: 'x' }));
    expect(importWarningText({ code: 'emails_invalid', count: 23, emails }, en)).toMatch(
      /^23 invalid e-mail addresses, kept as text and never written to: line 2 \(“x”\), .* … and 3 more\.$/,
    );
    const mismatch = { name: 'Bar', fileGigs: 3, gigs: 2, fileRevenueCents: 100_000, revenueCents: 80_000 };
    expect(importWarningText({ code: 'stats_mismatch', count: 1, clients: [mismatch] }, fr)).toBe(
      'Les statistiques du fichier clients diffèrent des prestations pour 1 client ; les chiffres affichés sont calculés depuis les prestations : Bar (3 prestations annoncées, 2 trouvées ; CA annoncé 1\u202f000\u00a0€, calculé 800\u00a0€).',
    );
    expect(importWarningText({ code: 'stats_mismatch', count: 1, clients: [mismatch] }, en)).toContain(
      'revenue stated €1,000, computed €800',
    );
  });

  it('words a file that cannot be imported, field names in the reader’s language', () => {
    const missing: ImportFileProblem = { code: 'missing_columns', missing: ['date', 'amount'], headers: ['Client', 'Lieu'], more: 0 };
    expect(importFileProblemText(missing, fr)).toBe(
      'Colonnes obligatoires introuvables : date, montant. En-têtes lus : « Client », « Lieu ».',
    );
    expect(importFileProblemText(missing, en)).toBe('Required columns not found: date, amount. Headers read: “Client”, “Lieu”.');
    expect(importFileProblemText({ code: 'missing_columns', missing: ['name'], headers: [], more: 0 }, fr)).toBe(
      'Colonne obligatoire introuvable : nom du client. En-têtes lus : (aucun).',
    );
    const header: ImportFileProblem = { code: 'unknown_header', field: 'amount', header: 'Cachet', headers: ['Client', 'Date'], more: 60 };
    expect(importFileProblemText(header, fr)).toBe(
      'Colonne « Cachet » introuvable pour le champ montant. En-têtes lus : « Client », « Date » … et 60 autres.',
    );
  });
});
