/**
 * The columns of the clients and gigs CSV exports. Headers are ones the app's own import
 * recognises (see csv/headers.ts), so an export reads back as it was; each date and amount comes
 * twice: the French form French Excel computes with (`14/01/2026`, `1250,50`) and the raw one
 * (`2026-01-14`, `1250.50`) under a header the import ignores.
 */
import { decimalCsvAmount, frenchCsvAmount, frenchCsvDate } from './csv-export';
import type { IsoDate } from './dates';
import type { Cents } from './money';
import type { Classification, ClientStats } from './segments';

export const CLIENT_EXPORT_HEADERS = [
  'Nom du client',
  'Contact',
  'E-mail',
  'Téléphone',
  'Ville',
  'Catégorie',
  'Notes',
  'Statut',
  'VIP',
  'Nombre de prestations',
  "Chiffre d'affaires",
  "Chiffre d'affaires (décimal)",
  'Date de première prestation',
  'Date de première prestation (ISO)',
  'Date de dernière prestation',
  'Date de dernière prestation (ISO)',
  'Tarif minimum',
  'Tarif minimum (décimal)',
  'Tarif maximum',
  'Tarif maximum (décimal)',
] as const;

export const GIG_EXPORT_HEADERS = [
  'Référence',
  'Date',
  'Date (ISO)',
  'Client',
  "Type d'événement",
  'Lieu',
  'Ville',
  'Montant',
  'Montant (décimal)',
  'Durée',
  'Statut',
  'Notes',
] as const;

const STATUS_WORD = { active: 'Actif', dormant: 'En veille', lapsed: 'À relancer', prospect: 'Prospect' } as const;
/** Words the import reads back (csv/gig-values.ts). */
const GIG_STATUS_WORD = { done: 'réalisée', confirmed: 'confirmée', option: 'option', cancelled: 'annulée' } as const;

export interface ExportedClient extends ClientStats {
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  category: string | null;
  notes: string | null;
}

export type CsvRow = (string | number | null)[];

export function clientExportRow(c: ExportedClient, classification: Classification): CsvRow {
  return [
    c.name,
    c.contact,
    c.email,
    c.phone,
    c.city,
    c.category,
    c.notes,
    STATUS_WORD[classification.status],
    classification.vip ? 'oui' : 'non',
    c.gigs,
    frenchCsvAmount(c.revenueCents),
    decimalCsvAmount(c.revenueCents),
    frenchCsvDate(c.firstDate),
    c.firstDate,
    frenchCsvDate(c.lastDate),
    c.lastDate,
    frenchCsvAmount(c.priceMinCents),
    decimalCsvAmount(c.priceMinCents),
    frenchCsvAmount(c.priceMaxCents),
    decimalCsvAmount(c.priceMaxCents),
  ];
}

export interface ExportedGig {
  reference: string | null;
  date: IsoDate;
  clientName: string;
  type: string | null;
  venue: string | null;
  city: string | null;
  amountCents: Cents;
  durationMinutes: number | null;
  status: keyof typeof GIG_STATUS_WORD;
  notes: string | null;
}

export function gigExportRow(g: ExportedGig): CsvRow {
  return [
    g.reference,
    frenchCsvDate(g.date),
    g.date,
    g.clientName,
    g.type,
    g.venue,
    g.city,
    frenchCsvAmount(g.amountCents),
    decimalCsvAmount(g.amountCents),
    g.durationMinutes === null ? '' : `${g.durationMinutes} min`,
    GIG_STATUS_WORD[g.status],
    g.notes,
  ];
}
