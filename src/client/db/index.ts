/** The app's one database, opened on first use. Tests make their own `SiltaDb` with another name. */
import { SiltaDb } from './database.ts';

let instance: SiltaDb | null = null;

export function appDb(): SiltaDb {
  instance ??= new SiltaDb('silta');
  return instance;
}
