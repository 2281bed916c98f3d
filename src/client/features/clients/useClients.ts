import { useEffect, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/index.ts';
import { getClient, type ClientView } from '../../db/clientsRepo.ts';
import { clientIndex, type ClientListRow } from '../../db/clientIndex.ts';
import { recordView } from '../../db/viewEventsRepo.ts';

/**
 * Every client on the device, in no particular order (undefined until decrypted after unlock); re-renders when a
 * local write or a sync changes any of them. Read from the in-memory client index, not by a live query over the
 * whole table (see db/clientIndex.ts).
 */
export function useClients(): readonly ClientListRow[] | undefined {
  const index = clientIndex(appDb());
  return useSyncExternalStore(index.subscribe, index.current);
}

/** One client: undefined while loading, null when there is no such client (or it was deleted). */
export function useClient(id: string): ClientView | null | undefined {
  return useLiveQuery(() => getClient(appDb(), id), [id]);
}

/**
 * Logs, once per screen opened, that this client's record was shown (for the audit log; queued on the device and
 * sent at the next sync). Not again when a sync updates what is shown: that is the same viewing.
 */
export function useViewLogged(clientId: string, shown: boolean): void {
  useEffect(() => {
    if (shown) void recordView(appDb(), 'client', clientId, clientId);
  }, [clientId, shown]);
}
