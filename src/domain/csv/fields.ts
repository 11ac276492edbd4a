export type ImportKind = 'clients' | 'gigs';

export const CLIENT_FIELDS = [
  'name',
  'contact',
  'email',
  'phone',
  'city',
  'category',
  'notes',
  'statGigs',
  'statRevenue',
  'statFirstDate',
  'statLastDate',
  'statPriceMin',
  'statPriceMax',
] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number];

export const GIG_FIELDS = [
  'date',
  'client',
  'amount',
  'amountHt',
  'amountTtc',
  'reference',
  'type',
  'venue',
  'city',
  'duration',
  'status',
  'notes',
] as const;
export type GigField = (typeof GIG_FIELDS)[number];

export type FieldOf<K extends ImportKind> = K extends 'clients' ? ClientField : GigField;
export type Field = ClientField | GigField;

/** How a field is named to the user, in messages and in the import preview. */
export const FIELD_LABELS: Record<Field, string> = {
  name: 'nom du client',
  contact: 'contact',
  email: 'e-mail',
  phone: 'téléphone',
  city: 'ville',
  category: 'catégorie',
  notes: 'notes',
  statGigs: 'nombre de prestations',
  statRevenue: "chiffre d'affaires",
  statFirstDate: 'première prestation',
  statLastDate: 'dernière prestation',
  statPriceMin: 'tarif minimum',
  statPriceMax: 'tarif maximum',
  date: 'date',
  client: 'client',
  amount: 'montant',
  amountHt: 'montant HT',
  amountTtc: 'montant TTC',
  reference: 'référence',
  type: "type d'événement",
  venue: 'lieu',
  duration: 'durée',
  status: 'statut',
};

/** Columns read as dates, and as amounts, whose conventions pass 1 settles per column. */
export const DATE_FIELDS: ReadonlySet<Field> = new Set<Field>(['date', 'statFirstDate', 'statLastDate']);
export const AMOUNT_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'amount',
  'amountHt',
  'amountTtc',
  'statRevenue',
  'statPriceMin',
  'statPriceMax',
]);
