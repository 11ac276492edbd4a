/** A gig's status, the one list the database, the import, the API and the web app share. */
export const GIG_STATUSES = ['done', 'confirmed', 'option', 'cancelled'] as const;
export type GigStatus = (typeof GIG_STATUSES)[number];

/** Booked and still to come (or to be settled): what a new booking may be. */
export const BOOKED_GIG_STATUSES = ['option', 'confirmed'] as const satisfies readonly GigStatus[];
