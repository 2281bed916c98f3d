/**
 * What this tab does when another tab opens the device's database at a newer schema (it runs a newer version of
 * the app) or deletes it, or when the browser takes it away. The browser asks every open connection to close first;
 * Dexie's default closes at once and opens again at the next request, so this tab's old code would go on reading
 * and writing under a schema it does not know (or, after the browser took the database, in a new empty one).
 * Instead the tab makes the writes it still owes (what a person was typing, see `beforeClose`), closes for good,
 * and says so, so that the app can stop and ask to be reloaded.
 */
import type { Dexie } from 'dexie';
import type { SiltaDb } from './database.ts';

export type Replacement = 'upgraded' | 'deleted';

/**
 * How long the other tab's upgrade may wait for this tab's last writes. A draft is sealed and written in a few
 * milliseconds; the bound is for a write that never settles, which must not keep the other tab from starting.
 */
export const CLOSE_GRACE_MS = 2000;

type Task = () => Promise<unknown>;

const tasksOf = new WeakMap<SiltaDb, Set<Task>>();

/** A write to make before the database closes for another tab; the returned function withdraws it. */
export function beforeClose(db: SiltaDb, task: Task): () => void {
  let tasks = tasksOf.get(db);
  if (tasks === undefined) {
    tasks = new Set();
    tasksOf.set(db, tasks);
  }
  tasks.add(task);
  return () => tasks.delete(task);
}

async function runTasks(db: SiltaDb, graceMs: number): Promise<void> {
  const tasks = [...(tasksOf.get(db) ?? [])];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  // A task that fails has lost its write either way; the others still get theirs.
  await Promise.race([Promise.allSettled(tasks.map((task) => task())), grace]);
  clearTimeout(timer);
}

/**
 * Closes `db` for good when another connection upgrades or deletes it, or when the browser closes it (the site's
 * data cleared in its settings, or evicted), then tells `onClosed` which it was.
 */
export function closeWhenReplaced(db: SiltaDb, onClosed: (by: Replacement) => void, graceMs = CLOSE_GRACE_MS): void {
  let closing = false;
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    if (!closing) {
      closing = true;
      const by: Replacement = event.newVersion === null || event.newVersion === 0 ? 'deleted' : 'upgraded';
      void runTasks(db, graceMs).then(() => {
        db.close({ disableAutoOpen: true });
        onClosed(by);
      });
    }
    // Keeps Dexie's default (close at once, open again at the next request) from running.
    return false;
  });
  // Dexie fires `close` on every close; one this module did not start is the browser's, after which Dexie would
  // open an empty database at the next request. Nothing can be written any more, so there is nothing to wait for.
  db.on('close', () => {
    if (closing) return;
    closing = true;
    // After this event Dexie's own handler enables opening again, so the close for good comes after it.
    queueMicrotask(() => {
      db.close({ disableAutoOpen: true });
      onClosed('deleted');
    });
  });
}

/**
 * How long this tab waits for other tabs to let go of the database before it says why it does not start: longer
 * than a running tab of Silta takes to let go by itself (CLOSE_GRACE_MS), so an ordinary upgrade shows nothing.
 */
export const KEPT_WAITING_MS = CLOSE_GRACE_MS + 1000;

/**
 * Calls `onKeptWaiting` when this tab must upgrade the database and another connection still holds it open after
 * `afterMs`: a tab whose script does not run (frozen in the background, or stopped in the debugger), so the browser
 * keeps this tab's open waiting for as long as that tab is open.
 */
export function sayWhenKeptWaiting(db: Dexie, onKeptWaiting: () => void, afterMs = KEPT_WAITING_MS): void {
  db.on('blocked', () => {
    setTimeout(() => {
      if (!db.isOpen() && !db.hasFailed()) onKeptWaiting();
    }, afterMs);
  });
}
