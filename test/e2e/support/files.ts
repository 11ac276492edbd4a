/** Files a French user's spreadsheet writes, made byte by byte. */

/** Windows-1252 bytes: Latin-1 for the accents, 0x80 for the euro sign (which Latin-1 lacks). */
export function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      if (c === '€') return 0x80;
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not encodable in this helper: ${c}`);
      return code;
    }),
  );
}

/** What « Enregistrer sous… CSV » of a French Excel writes: `;`, dd/mm/yyyy, `1 250,00 €`, CRLF. */
export const EXCEL_GIGS = [
  'Date;Client;Montant TTC;Lieu;Type',
  "15/06/2024;Café de l'Élan;1 250,00 €;Salle des fêtes;Mariage",
  "03/09/2025;Café de l'Élan;980,00 €;Terrasse;Soirée à thème",
  '20/12/2025;Mairie de Saint-Rémy;2 100,50 €;Hôtel de ville;Réveillon',
  '31/02/2025;Mairie de Saint-Rémy;300,00 €;Hôtel de ville;Erreur de saisie',
].join('\r\n');
