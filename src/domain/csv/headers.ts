import { excerpt } from '../excerpt.js';
import { nameKey } from '../names.js';
import { CLIENT_FIELDS, GIG_FIELDS, type FieldOf, type ImportKind } from './fields.js';
import type { ImportFileProblem } from './import-codes.js';

/** Words that do not change what a header means: articles, and units in "Durée (h)" or "Prix (€)". */
const FILLER = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'en',
  'a',
  'au',
  'aux',
  'the',
  'of',
  'in',
  'eur',
  'euro',
  'euros',
  'h',
]);

/** The words of a cell, compared leniently: the project's name key, punctuation and underscores as spaces. */
export function wordsKey(text: string): string {
  return nameKey(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .join(' ');
}

/**
 * The form in which headers are compared: their words without filler, so that "Date de la
 * prestation", "date_prestation" and "DATE PRESTATION" are one header.
 */
export function headerKey(header: string): string {
  return wordsKey(header)
    .split(' ')
    .filter((word) => !FILLER.has(word))
    .join(' ');
}

/**
 * What people type as headers, best match first. Fields choose in this order, each taking the
 * free column whose header is its earliest alias, so a header that lost one field may still fill
 * a later one ("Société" + "Nom": the company is the client's name, "Nom" the contact person).
 */
const CLIENT_ALIASES: Record<FieldOf<'clients'>, readonly string[]> = {
  name: [
    'Raison sociale',
    'Nom du client',
    'Client',
    'Société',
    'Entreprise',
    'Company',
    'Customer',
    'Client name',
    'Customer name',
    'Company name',
    'Organisation',
    'Organization',
    'Structure',
    'Établissement',
    'Nom',
    'Name',
  ],
  contact: [
    'Interlocuteur',
    'Contact',
    'Nom du contact',
    'Personne à contacter',
    'Contact name',
    'Référent',
    'Responsable',
    'Contact person',
    'Nom',
    'Name',
  ],
  email: ['E-mail', 'Email', 'Mail', 'Courriel', 'Adresse e-mail', 'Adresse mail', 'Email address', 'E-mail address'],
  phone: [
    'Téléphone',
    'Tél',
    'Tel',
    'Portable',
    'Mobile',
    'Phone',
    'Phone number',
    'Numéro de téléphone',
    'N° de téléphone',
    'Tél portable',
    'Téléphone portable',
    'GSM',
    'Telephone',
  ],
  city: ['Ville', 'City', 'Commune', 'Localité', 'Town'],
  category: ['Catégorie', 'Category', 'Type de client', 'Client type', 'Segment', 'Secteur', 'Type'],
  notes: [
    'Notes',
    'Note',
    'Remarques',
    'Remarque',
    'Commentaire',
    'Commentaires',
    'Comments',
    'Comment',
    'Observations',
    'Infos',
    'Informations',
  ],
  statGigs: [
    'nb_prestations',
    'Nombre de prestations',
    'Nb prestations',
    'Prestations',
    'Nb de prestations',
    'Number of gigs',
    'Gigs',
    'Nb gigs',
    'Nombre d’événements',
    'Nb événements',
    'Events',
  ],
  statRevenue: [
    'ca_total',
    'CA',
    "Chiffre d'affaires",
    "Chiffre d'affaires total",
    'CA HT',
    'Total CA',
    'Revenue',
    'Total revenue',
    'Total facturé',
  ],
  statFirstDate: [
    'premiere_prestation',
    'Date de première prestation',
    'Première date',
    'First gig',
    'First gig date',
    'First date',
    'Premier événement',
  ],
  statLastDate: [
    'derniere_prestation',
    'Date de dernière prestation',
    'Dernière date',
    'Last gig',
    'Last gig date',
    'Last date',
    'Dernier événement',
  ],
  statPriceMin: ['tarif_min', 'Prix min', 'Tarif minimum', 'Prix minimum', 'Montant min', 'Min price', 'Lowest price'],
  statPriceMax: ['tarif_max', 'Prix max', 'Tarif maximum', 'Prix maximum', 'Montant max', 'Max price', 'Highest price'],
};

const GIG_ALIASES: Record<FieldOf<'gigs'>, readonly string[]> = {
  date: [
    'Date',
    'Date événement',
    'Date de la prestation',
    'Date prestation',
    'Event date',
    'Date event',
    'Date de l’événement',
    'Date soirée',
    'Jour',
    'Day',
  ],
  client: [
    'Client',
    'Nom du client',
    'Raison sociale',
    'Société',
    'Entreprise',
    'Company',
    'Customer',
    'Client name',
    'Customer name',
    'Organisateur',
    'Structure',
    'Nom',
    'Name',
  ],
  amountHt: [
    'Montant HT',
    'Prix HT',
    'Total HT',
    'Tarif HT',
    'Cachet HT',
    'Montant hors taxes',
    'Hors taxes',
    'HT',
    'Amount excl tax',
    'Net amount',
    'Price excl tax',
  ],
  amountTtc: [
    'Montant TTC',
    'Prix TTC',
    'Total TTC',
    'Tarif TTC',
    'Cachet TTC',
    'TTC',
    'Amount incl tax',
    'Gross amount',
    'Price incl tax',
  ],
  amount: [
    'Montant',
    'Prix',
    'Tarif',
    'Cachet',
    'Amount',
    'Price',
    'Fee',
    'Total',
    'Honoraires',
    'Rémunération',
    'Montant prestation',
    'Prix prestation',
    'Prix de la prestation',
    'Montant facturé',
  ],
  reference: [
    'Référence',
    'Réf',
    'Ref',
    'N° facture',
    'No facture',
    'Num facture',
    'Numéro de facture',
    'Facture',
    'Invoice',
    'Invoice number',
    'N° prestation',
    'Numéro',
    'N°',
    'ID',
    'Code',
  ],
  type: [
    "Type d'événement",
    'Type événement',
    'Type de prestation',
    'Type de soirée',
    'Event type',
    'Type',
    'Nature',
    'Catégorie',
    'Category',
  ],
  venue: ['Lieu', 'Salle', 'Venue', 'Location', 'Établissement', 'Place', 'Lieu de la prestation'],
  city: ['Ville', 'City', 'Commune', 'Localité', 'Town'],
  duration: [
    'Durée',
    'duree_heures',
    'Durée (h)',
    'Durée en heures',
    'Nb heures',
    "Nombre d'heures",
    'Heures',
    'Duration',
    'Hours',
    'Temps',
  ],
  status: ['Statut', 'Status', 'État', 'Etat', 'State'],
  notes: [
    'Notes',
    'Note',
    'Remarques',
    'Remarque',
    'Commentaire',
    'Commentaires',
    'Comments',
    'Comment',
    'Observations',
    'Description',
    'Infos',
  ],
};

/** Per field, its aliases' keys with their rank, in the order fields choose their column. */
function keyedAliases<F extends string>(aliases: Record<F, readonly string[]>): [F, Map<string, number>][] {
  return (Object.keys(aliases) as F[]).map((field) => {
    const ranks = new Map<string, number>();
    aliases[field].forEach((alias, rank) => {
      const key = headerKey(alias);
      if (!ranks.has(key)) ranks.set(key, rank);
    });
    return [field, ranks];
  });
}

const ALIASES_BY_KIND = {
  clients: keyedAliases(CLIENT_ALIASES),
  gigs: keyedAliases(GIG_ALIASES),
} as const;

const FIELDS_BY_KIND = { clients: CLIENT_FIELDS, gigs: GIG_FIELDS } as const;

export type HeaderMapping<K extends ImportKind> = Partial<Record<FieldOf<K>, number>>;

export type HeaderProblem = Extract<ImportFileProblem, { code: 'missing_columns' | 'unknown_field' | 'unknown_header' }>;

export type HeaderResult<K extends ImportKind> =
  { ok: true; mapping: HeaderMapping<K>; ignored: string[] } | { ok: false; missing: FieldOf<K>[]; seen: string[]; problem: HeaderProblem };

/** The gig amount columns, in the order one is chosen as revenue: excluding tax first. */
export const GIG_AMOUNT_PREFERENCE = ['amountHt', 'amount', 'amountTtc'] as const;

/** How many headers a message or the preview shows, each as an excerpt: a header line may be a whole file. */
export const SHOWN_HEADERS = 50;
const HEADER_EXCERPT = 200;

/** The non-empty headers as the user may see them: the first ones, each cut to an excerpt. */
export function shownHeaders(headers: readonly string[]): string[] {
  return headers
    .filter((h) => h.trim() !== '')
    .slice(0, SHOWN_HEADERS)
    .map((h) => excerpt(h.trim(), HEADER_EXCERPT));
}

/** The headers a problem quotes: the shown ones, and how many others there are. */
function quoted(headers: readonly string[]): { headers: string[]; more: number } {
  const shown = shownHeaders(headers);
  return { headers: shown, more: headers.filter((h) => h.trim() !== '').length - shown.length };
}

/**
 * Finds which column holds which field. `overrides` maps a field to a header text, as the user
 * gives it (`--map amount="Cachet net"`); it is compared the same lenient way and wins over
 * the automatic match.
 */
export function mapHeaders<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): HeaderResult<K> {
  type F = FieldOf<K>;
  const fields = FIELDS_BY_KIND[kind] as readonly F[];
  const keys = headers.map(headerKey);
  const seen = shownHeaders(headers);
  const mapping: HeaderMapping<K> = {};
  const taken = new Set<number>();
  // A field mapped to '' is read from no column, whatever the automatic match would take.
  const unmapped = new Set<string>();

  for (const [field, header] of Object.entries(overrides)) {
    if (!(fields as readonly string[]).includes(field)) {
      return {
        ok: false,
        missing: [],
        seen,
        problem: { code: 'unknown_field', field: excerpt(field, HEADER_EXCERPT), fields: [...fields] },
      };
    }
    if (header.trim() === '') {
      unmapped.add(field);
      continue;
    }
    const index = keys.indexOf(headerKey(header));
    if (index < 0) {
      return {
        ok: false,
        missing: [],
        seen,
        problem: { code: 'unknown_header', field: field as F, header: excerpt(header, HEADER_EXCERPT), ...quoted(headers) },
      };
    }
    mapping[field as F] = index;
    taken.add(index);
  }

  for (const [field, ranks] of ALIASES_BY_KIND[kind] as [F, Map<string, number>][]) {
    if (mapping[field] !== undefined || unmapped.has(field)) continue;
    let best: number | undefined;
    let bestRank = Infinity;
    keys.forEach((key, index) => {
      const rank = ranks.get(key) ?? Infinity;
      if (rank < bestRank && !taken.has(index)) [best, bestRank] = [index, rank];
    });
    if (best !== undefined) {
      mapping[field] = best;
      taken.add(best);
    }
  }

  const missing = requiredMissing(kind, mapping);
  if (missing.length > 0) {
    return { ok: false, missing, seen, problem: { code: 'missing_columns', missing, ...quoted(headers) } };
  }
  return { ok: true, mapping, ignored: headers.filter((h, i) => !taken.has(i) && h.trim() !== '') };
}

function requiredMissing<K extends ImportKind>(kind: K, mapping: HeaderMapping<K>): FieldOf<K>[] {
  const has = (field: string) => (mapping as Record<string, number | undefined>)[field] !== undefined;
  const required = kind === 'clients' ? ['name'] : ['date', 'client'];
  const missing = required.filter((f) => !has(f));
  if (kind === 'gigs' && !GIG_AMOUNT_PREFERENCE.some(has)) missing.push('amount');
  return missing as FieldOf<K>[];
}
