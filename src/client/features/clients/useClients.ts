import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/index.ts';
import { getClient, listClients, type ClientView } from '../../db/clientsRepo.ts';

/** Every client on the device; re-renders when a local write or a sync changes any of them. */
export function useClients(): ClientView[] | undefined {
  return useLiveQuery(() => listClients(appDb()), []);
}

/** One client: undefined while loading, null when there is no such client (or it was deleted). */
export function useClient(id: string): ClientView | null | undefined {
  return useLiveQuery(() => getClient(appDb(), id), [id]);
}
