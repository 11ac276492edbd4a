/** The values of a template's placeholders for one client, from its figures as of a date. */
import type { IsoDate } from '../dates';
import { formatEuros, type Cents } from '../money';
import { firstNameOf, frenchDateList, frenchLongDate, timeSinceInWords } from './french';
import type { PlaceholderValues } from './templates';

export interface MessageFacts {
  clientName: string;
  contact: string | null;
  gigs: number;
  revenueCents: Cents;
  lastDate: IsoDate | null;
  asOf: IsoDate;
  freeDates: readonly IsoDate[];
  djName: string;
  signature: string;
}

export function placeholderValues(f: MessageFacts): PlaceholderValues {
  const firstName = firstNameOf(f.contact);
  return {
    salutation: firstName ? `Bonjour ${firstName}` : 'Bonjour',
    prenom: firstName ?? '',
    client: f.clientName,
    depuis: f.lastDate ? timeSinceInWords(f.lastDate, f.asOf) : 'un moment',
    prestations: f.gigs === 1 ? '1 prestation' : `${f.gigs} prestations`,
    ca: formatEuros(f.revenueCents),
    dernierePrestation: f.lastDate ? frenchLongDate(f.lastDate) : 'il y a un moment',
    datesLibres: f.freeDates.length > 0 ? frenchDateList(f.freeDates, f.asOf) : 'à convenir ensemble',
    signature: f.signature.trim() || f.djName.trim(),
    dj: f.djName.trim(),
  };
}
