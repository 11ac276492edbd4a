import type { Database } from '../db/connection';

/** What every use-case is given: the database and the clock (never read anywhere else). */
export interface AppContext {
  database: Database;
  now: () => Date;
}
