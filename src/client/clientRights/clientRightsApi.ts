/**
 * The data subject's rights over one client, on the server: the export of everything held, and the erasure. Online
 * only, and answers are checked against the shared schemas. An erasure starts a sync, so that this device applies
 * the tombstones (and purges its copies) at once rather than at the next scheduled sync.
 */
import { clientExport, erasureResponse, type ClientExport, type ErasureResponse } from '#shared/schema/clientRights.ts';
import { answerOf, apiRequest } from '../platform/apiRequest.ts';
import { syncNow } from '../sync/appSync.ts';

const fetchImpl: typeof fetch = (...args) => fetch(...args);

export async function fetchClientExport(clientId: string, signal?: AbortSignal): Promise<ClientExport> {
  return answerOf(clientExport, await apiRequest(fetchImpl, `/api/clients/${encodeURIComponent(clientId)}/export`, { signal }));
}

export async function eraseClient(clientId: string): Promise<ErasureResponse> {
  const result = answerOf(erasureResponse, await apiRequest(fetchImpl, `/api/clients/${encodeURIComponent(clientId)}/erase`, { method: 'POST' }));
  // Not awaited: the person hears at once that the server erased it; the device's own copies follow with the sync.
  void syncNow();
  return result;
}
