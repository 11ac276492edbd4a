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
