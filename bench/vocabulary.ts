/** French words the generated clients and gigs are made of: accents, apostrophes and dashes on purpose. */

export const FIRST_NAMES = [
  'Amélie', 'Anaïs', 'Aurélien', 'Benoît', 'Cécile', 'Chloé', 'Clément', 'Daphné', 'Élodie', 'Émile', 'Éric', 'Estelle',
  'Fabien', 'François', 'Gaëlle', 'Gaëtan', 'Grégoire', 'Hélène', 'Inès', 'Jérôme', 'Joël', 'Julien', 'Léa', 'Léon',
  'Loïc', 'Lucie', 'Maëlys', 'Manon', 'Marc', 'Mathéo', 'Mégane', 'Michèle', 'Noël', 'Noémie', 'Océane', 'Pénélope',
  'Perrine', 'Raphaël', 'Régis', 'Sandrine', 'Sébastien', 'Séverine', 'Stéphane', 'Sylvie', 'Thérèse', 'Timothée',
  'Valérie', 'Véronique', 'Yannick', 'Zoé', 'Agnès', 'André', 'Bérénice', 'Célestin', 'Désiré', 'Ophélie', 'Jean-Noël',
  'Marie-Hélène', 'Anne-Sophie', 'Pierre-Yves',
];

export const LAST_NAMES = [
  'Lefèvre', 'Dupré', 'Bénard', 'Mercier', 'Gauthier', 'Rivière', 'Lacôte', 'Fournié', 'Thérond', 'Ménard', 'Guérin',
  'Chevalier', 'Lemaître', 'Boyer', 'Gérard', 'Hébert', 'Pelletier', 'Barbé', 'Noël', 'Lévêque', 'Bréchet', 'Daumas',
  'Ferré', 'Giraud', 'Héraud', 'Jaubert', 'Laurençon', 'Marchand', 'Névé', 'Olivier', 'Pagès', 'Raynaud', 'Sabatier',
  'Tessier', 'Vidal', 'Allègre', 'Bérard', 'Castañer', 'Delorme', 'Escoffier', "D'Arcy", "L'Hôte", 'Le Goff', 'Le Bihan',
  'Müller', 'Nguyen', 'Da Silva', 'Ben Saïd', 'Reynaud', 'Arnaud', 'Gergom', 'Fabre', 'Roux', 'Blanc', 'Faure',
  'Crépin', 'Aubéry', 'Bœuf', 'Kérouac', 'Séguin',
];

export const CITIES = [
  'Marseille', 'Aix-en-Provence', 'Martigues', 'Istres', 'Salon-de-Provence', 'Arles', 'Avignon', 'Nîmes', 'Montpellier',
  'Sète', 'Béziers', 'Pézenas', 'Alès', 'Uzès', 'Orange', 'Carpentras', 'Cavaillon', 'Apt', 'Manosque', 'Gréoux-les-Bains',
  'Digne-les-Bains', 'Sisteron', 'Gap', 'Embrun', 'Briançon', 'Toulon', 'Hyères', 'Fréjus', 'Saint-Raphaël', 'Draguignan',
  'Brignoles', 'La Ciotat', 'Aubagne', 'Cassis', 'Saint-Rémy-de-Provence', 'Châteaurenard', 'Tarascon', 'Beaucaire',
  'Bagnols-sur-Cèze', 'Montélimar', 'Valence', 'Grenoble', 'Chambéry', 'Annecy', 'Lyon', 'Saint-Étienne', 'Besançon',
  'Orléans', 'Châlons-en-Champagne', 'Nantes', 'Angers', 'Bordeaux', 'Pau', 'Perpignan', 'Narbonne', 'Carcassonne',
  'Agde', 'Lunel', 'Vauvert', 'Saintes-Maries-de-la-Mer', "L'Isle-sur-la-Sorgue", 'Forcalquier', 'Lézignan-Corbières',
];

const WORDS = [
  'Zinc', 'Phare', 'Comptoir', 'Galion', 'Mistral', 'Olivier', 'Cigale', 'Lavande', 'Platane', 'Rocher', 'Soleil',
  'Étoile', 'Écume', 'Moulin', 'Pêcheur', 'Vieux Port', 'Canebière', 'Calanque', 'Garrigue', 'Tournesol', 'Pinède',
  'Belvédère', 'Château', 'Fontaine', 'Bastide', 'Forêt', 'Étang', 'Île', 'Crêperie', 'Caravelle', 'Flamant Rose',
  'Chêne', 'Roseraie', 'Prieuré', 'Mas', 'Hirondelle', 'Sirène', 'Boussole', 'Marée', 'Océan',
];
const SPORTS = ['Handball', 'Football', 'Rugby', 'Basket', 'Tennis', 'Volley', 'Pétanque', 'Athlétisme', 'Judo', 'Natation'];
const SCHOOLS = ['IAE', 'IUT', 'Sciences Po', "École d'ingénieurs", 'Faculté de médecine', 'École de commerce', 'STAPS', 'BTS'];
const COMPANY_SUFFIXES = ['SARL', '& Fils', 'Conseil', 'Industries', 'Transports', 'Immobilier', 'Assurances', 'Bâtiment'];

export interface GigKind {
  type: string;
  venues: readonly string[];
}

export interface Category {
  name: string;
  /** Relative frequency among clients. */
  share: number;
  /** Price band in euros. */
  price: readonly [number, number];
  kinds: readonly GigKind[];
  /** A client name of this category, from a few random picks. */
  makeName(pick: <T>(items: readonly T[]) => T): string;
}

/** "de Sète", "d'Arles". */
const of = (place: string) => (/^[AEIOUÉ]/.test(place) ? `d'${place}` : `de ${place}`);

const person = (pick: <T>(items: readonly T[]) => T) => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;

export const CATEGORIES: readonly Category[] = [
  { name: 'Bar', share: 18, price: [50, 400], kinds: [{ type: 'Soirée bar', venues: ['Bar', 'Taverne', 'Terrasse'] }],
    makeName: (p) => `${p(['Bar', 'Café', 'Le', 'Bistrot', 'Bar du', 'Café de la'])} ${p(WORDS)}` },
  { name: 'Pub', share: 6, price: [80, 450], kinds: [{ type: 'Soirée pub', venues: ['Pub'] }],
    makeName: (p) => `${p(['Pub', 'The', "O'"])} ${p(WORDS)} ${p(['Pub', 'Tavern', "Irish"])}` },
  { name: 'Discothèque', share: 5, price: [300, 1200], kinds: [{ type: 'Soirée club', venues: ['Discothèque', 'Club'] }],
    makeName: (p) => `${p(['Le', 'La', 'Club', 'Studio'])} ${p(WORDS)} ${p(['Club', 'Night', 'Dancing', ''])}`.trim() },
  { name: 'Camping', share: 6, price: [150, 600], kinds: [{ type: 'Soirée camping', venues: ['Camping', 'Piscine du camping'] }],
    makeName: (p) => `Camping ${p(['Le', 'La', 'Les', 'du', 'de la'])} ${p(WORDS)}` },
  { name: 'Hôtel', share: 5, price: [300, 1200], kinds: [{ type: 'Soirée hôtel', venues: ["Terrasse de l'hôtel", 'Salon'] }],
    makeName: (p) => `Hôtel ${p(['Le', 'La', 'des', 'du'])} ${p(WORDS)}${p(['', ' ★★★', ' & Spa'])}` },
  { name: 'Brasserie', share: 5, price: [100, 500], kinds: [{ type: 'Soirée brasserie', venues: ['Brasserie'] }],
    makeName: (p) => `Brasserie ${p(['Le', 'La', 'du', 'des'])} ${p(WORDS)}` },
  { name: 'Association sportive', share: 10, price: [100, 400],
    kinds: [{ type: 'Animation match', venues: ['Halle polyvalente', 'Stade municipal', 'Gymnase'] }, { type: 'Soirée de club', venues: ['Club house'] }],
    makeName: (p) => p([`${p(SPORTS)} Club ${of(p(CITIES))}`, `AS ${p(CITIES)} ${p(SPORTS)}`, `${p(CITIES).toUpperCase()} ${p(SPORTS).toUpperCase()}`]) },
  { name: 'Association étudiante', share: 4, price: [300, 900],
    kinds: [{ type: 'Soirée étudiante', venues: ['Salle louée'] }, { type: 'Bal de promo', venues: ['Gymnase', 'Salle des fêtes'] }],
    makeName: (p) => `BDE ${p(SCHOOLS)} ${p(CITIES)}` },
  { name: 'Comité des fêtes', share: 8, price: [300, 1200],
    kinds: [{ type: 'Fête de village', venues: ['Place du village', 'Salle des fêtes'] }, { type: 'Fête de la musique', venues: ['Place publique'] }],
    makeName: (p) => `Comité des fêtes ${of(p(CITIES))}` },
  { name: 'Collectivité', share: 4, price: [400, 2000],
    kinds: [{ type: 'Soirée estivale', venues: ['Base nautique', 'Arènes', 'Esplanade'] }, { type: 'Fête de la musique', venues: ['Place publique'] }],
    makeName: (p) => `${p(['Mairie', 'Ville', 'Office de tourisme'])} ${of(p(CITIES))}` },
  { name: 'Entreprise', share: 9, price: [500, 2000],
    kinds: [{ type: "Soirée d'entreprise", venues: ['Karting', 'Salle de réception', 'Péniche'] }, { type: "Séminaire d'entreprise", venues: ['Salle de séminaire'] }],
    makeName: (p) => `${p(LAST_NAMES)} ${p(COMPANY_SUFFIXES)}` },
  { name: 'Agence événementielle', share: 3, price: [600, 2000],
    kinds: [{ type: 'Gala', venues: ['Selon événement'] }, { type: 'Mariage', venues: ['Domaine de la Bastide', 'Château', 'Mas provençal'] }],
    makeName: (p) => `${p(WORDS)} ${p(['Événements', 'Events', 'Réceptions', 'Organisation'])}` },
  { name: 'Particulier', share: 12, price: [400, 2000],
    kinds: [{ type: 'Mariage', venues: ['Domaine de la Bastide', 'Château', 'Mas provençal', 'Salle des fêtes'] }, { type: 'Anniversaire', venues: ['Salle des fêtes', 'Domicile'] }],
    makeName: (p) => p([person(p), `Mariage ${p(FIRST_NAMES)} & ${p(FIRST_NAMES)} ${p(LAST_NAMES)}`, `Famille ${p(LAST_NAMES)}`]) },
  { name: 'Guinguette', share: 3, price: [150, 600], kinds: [{ type: 'Guinguette', venues: ['Bord de Durance', 'Bord du Rhône', 'Bord de Sorgue'] }],
    makeName: (p) => `Guinguette ${p(['du', 'de la', 'des'])} ${p(WORDS)}` },
  { name: 'Festival', share: 2, price: [800, 2000], kinds: [{ type: 'Festival', venues: ['Scène principale', 'Scène électro'] }],
    makeName: (p) => `Festival ${p(WORDS)} ${of(p(CITIES))}` },
];

export const NOTES = [
  'Matériel son + lumières', 'Acompte versé', 'Prévoir rallonge, accès par la cour', 'Fin à 2h, pas de fumée',
  'Client fidèle — facture au nom de l’association', 'Demande "Les Champs-Élysées" en ouverture', 'Parking réservé',
  'Playlist années 80/90', 'Repas offert',
];

/** A note spanning two lines (a quoted field holding a line break), given to a few gigs. */
export const MULTILINE_NOTE = 'Arrivée 18h\nBalance 19h';

export const CANCELLED_NOTES = ['Annulée pour météo', 'Report demandé par le client', 'Annulation, acompte conservé'];
