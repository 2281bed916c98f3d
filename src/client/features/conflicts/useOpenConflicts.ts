import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/index.ts';
import { listOpenConflicts, type ConflictView } from '../../db/conflictsRepo.ts';

export function useOpenConflicts(clientId: string): ConflictView[] | undefined {
  return useLiveQuery(() => listOpenConflicts(appDb(), clientId), [clientId]);
}
