import { useLiveQuery } from 'dexie-react-hooks';
import { threadNotes, type NoteThread } from '#shared/domain/noteHistory.ts';
import { appDb } from '../../db/index.ts';
import { listNoteVersions, type NoteVersion } from '../../db/notesRepo.ts';

/** A client's notes as threads of versions, newest meeting first. */
export function useNoteThreads(clientId: string): NoteThread<NoteVersion>[] | undefined {
  return useLiveQuery(async () => {
    const threads = threadNotes(await listNoteVersions(appDb(), clientId));
    return threads.sort((a, b) => (a.current.fields.occurredAt < b.current.fields.occurredAt ? 1 : -1));
  }, [clientId]);
}
