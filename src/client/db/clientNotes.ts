/**
 * One client's notes as threads of versions, newest meeting first, read and opened once for everyone who shows
 * them, and able to start before the screen that shows them exists.
 *
 * Why: a screen's live query starts only after the screen has rendered, painted and run its effects, and then
 * after a timer (Dexie starts a live query's first run in a `setTimeout`). Opening a client with 200 notes at 4x
 * CPU slowdown, the notes' read started 75–100 ms after the click and took 150–190 ms in IndexedDB, with the main
 * thread mostly waiting. `readNotesAhead`, called where a person asks for the client (the list's link), starts
 * the same live query at the click, so the read runs while the route renders; the screen then subscribes to the
 * same source rather than to a query of its own.
 *
 * The rows are read inside a live query (so every write to the client's notes, here or in another tab, reads them
 * again) and decrypted outside it: inside, every await of a WebCrypto call goes through Dexie's zone bookkeeping,
 * which for 200 notes cost more main-thread time than the decryption itself. An opening that a newer read
 * overtakes is dropped. A source lives while anyone subscribes (the read-ahead counts, for a few seconds), then
 * stops its query and forgets its notes. Locking the app stops and forgets them all at once (closeClientNotes).
 */
import { liveQuery, type Subscription } from 'dexie';
import { threadNotes, type NoteThread } from '#shared/domain/noteHistory.ts';
import type { RecordRow, SiltaDb } from './database.ts';
import { compareText, noteRowsOf, openNoteVersions, type NoteVersion } from './notesRepo.ts';

export type NoteThreads = readonly NoteThread<NoteVersion>[];

/** What a source holds: nothing yet, the threads as last opened, or why reading or opening them failed. */
export type ClientNotesState = { readonly threads: NoteThreads } | { readonly error: unknown } | undefined;

export interface ClientNotesSource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly current: () => ClientNotesState;
  /** Keeps the notes read and open for `ms`, or until someone subscribes, whichever comes first. */
  readonly holdFor: (ms: number) => void;
}

/** Long enough for the screen asked for to render and subscribe, short enough not to keep notes nobody shows. */
export const READ_AHEAD_HOLD_MS = 5_000;

const byMeetingNewestFirst = (a: NoteThread<NoteVersion>, b: NoteThread<NoteVersion>) =>
  compareText(b.current.fields.occurredAt, a.current.fields.occurredAt);

/** A source as the registry holds it: it can be closed, whoever is subscribed. */
interface RegisteredSource extends ClientNotesSource {
  readonly close: () => void;
}

const sources = new WeakMap<SiltaDb, Map<string, RegisteredSource>>();

function createSource(db: SiltaDb, clientId: string, registry: Map<string, RegisteredSource>): RegisteredSource {
  const listeners = new Set<() => void>();
  let state: ClientNotesState;
  let query: Subscription | undefined;
  let generation = 0;
  let hold: ReturnType<typeof setTimeout> | undefined;

  const publish = (next: ClientNotesState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const open = (rows: RecordRow[]) => {
    const mine = ++generation;
    openNoteVersions(db, rows).then(
      (versions) => {
        if (mine === generation) publish({ threads: threadNotes(versions).sort(byMeetingNewestFirst) });
      },
      (error: unknown) => {
        if (mine === generation) publish({ error });
      },
    );
  };

  const start = () => {
    // Registered again here: a source React subscribes to a second time (StrictMode, a remount) may have been
    // forgotten in between.
    registry.set(clientId, source);
    query ??= liveQuery(() => noteRowsOf(db, clientId)).subscribe({ next: open, error: (error: unknown) => publish({ error }) });
  };

  const stop = () => {
    query?.unsubscribe();
    query = undefined;
    generation += 1;
    state = undefined;
    if (registry.get(clientId) === source) registry.delete(clientId);
  };

  const stopIfUnused = () => {
    if (listeners.size === 0 && hold === undefined) stop();
  };

  const releaseHold = () => {
    clearTimeout(hold);
    hold = undefined;
  };

  const source: RegisteredSource = {
    subscribe(listener) {
      listeners.add(listener);
      releaseHold();
      start();
      return () => {
        listeners.delete(listener);
        stopIfUnused();
      };
    },
    current: () => state,
    holdFor(ms) {
      releaseHold();
      hold = setTimeout(() => {
        hold = undefined;
        stopIfUnused();
      }, ms);
      start();
    },
    close() {
      releaseHold();
      stop();
      // Whoever still shows the notes (nobody should, once locked) is told they are gone; subscribing again reads
      // them afresh.
      for (const listener of [...listeners]) listener();
    },
  };
  return source;
}

/** The source of `clientId`'s notes on `db`, shared by everyone who asks while it is in use. */
export function clientNotes(db: SiltaDb, clientId: string): ClientNotesSource {
  let registry = sources.get(db);
  if (registry === undefined) {
    registry = new Map();
    sources.set(db, registry);
  }
  return registry.get(clientId) ?? createSource(db, clientId, registry);
}

/** Starts reading and opening the client's notes now, for a screen about to show them. */
export function readNotesAhead(db: SiltaDb, clientId: string, holdMs = READ_AHEAD_HOLD_MS): void {
  clientNotes(db, clientId).holdFor(holdMs);
}

/** Stops every source of `db` and forgets their notes, the held read-aheads too: the app is locking. */
export function closeClientNotes(db: SiltaDb): void {
  const registry = sources.get(db);
  if (registry === undefined) return;
  for (const source of [...registry.values()]) source.close();
  registry.clear();
}
