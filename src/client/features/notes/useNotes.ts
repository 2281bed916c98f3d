import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { threadNotes, type NoteThread } from '#shared/domain/noteHistory.ts';
import { appDb } from '../../db/index.ts';
import { noteRowsOf, openNoteVersions, type NoteVersion } from '../../db/notesRepo.ts';

type Opened = { readonly clientId: string } & ({ readonly threads: NoteThread<NoteVersion>[] } | { readonly error: unknown });

/**
 * A client's notes as threads of versions, newest meeting first; undefined while they are read.
 *
 * The live query only reads the sealed rows; they are decrypted outside it. Inside a live query every await of a
 * WebCrypto call runs through Dexie's zone bookkeeping, which for a client with 200 notes cost more main-thread time
 * than the decryption itself.
 */
export function useNoteThreads(clientId: string): NoteThread<NoteVersion>[] | undefined {
  // Tagged with the client, so rows still on hand from the previous client are never opened as this one's.
  const read = useLiveQuery(async () => ({ clientId, rows: await noteRowsOf(appDb(), clientId) }), [clientId]);
  const [opened, setOpened] = useState<Opened>();
  useEffect(() => {
    if (read?.clientId !== clientId) return;
    let current = true;
    openNoteVersions(appDb(), read.rows).then(
      (versions) => {
        const threads = threadNotes(versions).sort((a, b) => (a.current.fields.occurredAt < b.current.fields.occurredAt ? 1 : -1));
        if (current) setOpened({ clientId, threads });
      },
      (error: unknown) => {
        if (current) setOpened({ clientId, error });
      },
    );
    return () => {
      current = false;
    };
  }, [clientId, read]);
  // After a change the notes as they were stay on screen until the new ones are open, so the list keeps its place.
  if (opened?.clientId !== clientId) return undefined;
  // As a live query's failure does: the screen's error boundary shows it.
  if ('error' in opened) throw opened.error;
  return opened.threads;
}
