import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/index.ts';
import { countUnsynced } from '../../db/changeLog.ts';

/** Local changes the server has not acknowledged yet; undefined while the first count loads. */
export function useUnsyncedCount(): number | undefined {
  return useLiveQuery(() => countUnsynced(appDb()), []);
}
