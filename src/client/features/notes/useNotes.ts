import { useMemo, useSyncExternalStore } from 'react';
import { appDb } from '../../db/index.ts';
import { clientNotes, type NoteThreads } from '../../db/clientNotes.ts';

/**
 * A client's notes as threads of versions, newest meeting first; undefined while they are read. Shared with
 * whoever else shows them, and already on their way when the client was opened from the list (db/clientNotes.ts).
 * After a change the notes as they were stay on screen until the new ones are open, so the list keeps its place.
 */
export function useNoteThreads(clientId: string): NoteThreads | undefined {
  const source = useMemo(() => clientNotes(appDb(), clientId), [clientId]);
  const state = useSyncExternalStore(source.subscribe, source.current);
  // As a live query's failure does: the screen's error boundary shows it.
  if (state !== undefined && 'error' in state) throw state.error;
  return state?.threads;
}
