/**
 * P3's timing inside the real app's page, bundled into one classic script that the driver adds as an init script
 * (so it survives reloads). Everything is timed in the page: from the click, the keydown's own timestamp or the
 * navigation, to the first frame painted with the expected screen (checked at every animation frame; a task
 * queued from that frame runs after its paint), and on to a background-priority task, which runs only once no
 * normal-priority work (React's rendering included) is left.
 */
import type { DeviceCounts, Expected, ProbeApi, Timing } from './api.ts';

/** The app's mark (src/client/session/session.ts, KEY_READY_MARK); unlockRun in p3.ts fails if it never comes. */
const KEY_READY_MARK = 'silta:key-ready';

const LIMIT_MS = 300_000;

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * A list (the clients, a client's notes) shows `n` items: lists are windowed (only the items in view are in the
 * document), so it is shown when its items say the list holds `n` (`aria-setsize`) and the items in view are there
 * (every item, or enough to fill the viewport).
 */
function listShows(itemSelector: string, n: number): boolean {
  const items = document.querySelectorAll(itemSelector);
  const first = items[0];
  // A screen kept mounted while another is open (the client list) is in the document, hidden: not shown. Asked
  // last, as measuring does, since it makes the browser compute styles there and then.
  if (n === 0) return first === undefined || !first.checkVisibility();
  const last = items[items.length - 1];
  return (
    first?.getAttribute('aria-setsize') === String(n) &&
    last !== undefined &&
    (items.length === n || last.getBoundingClientRect().bottom >= innerHeight) &&
    first.checkVisibility()
  );
}

function matches(e: Expected): boolean {
  return (
    (e.cards === undefined || listShows('.client-card', e.cards)) &&
    (e.notes === undefined || listShows('.note-card', e.notes)) &&
    (e.query === undefined || document.querySelector<HTMLInputElement>('input[type="search"]')?.value === e.query)
  );
}

function settled(): Promise<void> {
  return (globalThis as unknown as { scheduler: TaskScheduler }).scheduler.postTask(() => undefined, { priority: 'background' });
}

function waitFor(t0: number, expected: Expected, gone?: Element): Promise<Timing> {
  return new Promise((resolve, reject) => {
    let goneAt = 0;
    const frame = () => {
      const now = performance.now();
      if (gone !== undefined && goneAt === 0 && !gone.isConnected) goneAt = now;
      if ((gone === undefined || goneAt > 0) && matches(expected)) {
        setTimeout(() => {
          const shown = performance.now();
          const keyReady = performance.getEntriesByName(KEY_READY_MARK).findLast((mark) => mark.startTime >= t0);
          void settled().then(() =>
            resolve({ goneMs: goneAt === 0 ? 0 : goneAt - t0, keyReadyMs: keyReady === undefined ? 0 : keyReady.startTime - t0, shownMs: shown - t0, settledMs: performance.now() - t0 }),
          );
        }, 0);
      } else if (now - t0 > LIMIT_MS) reject(new Error(`not shown within ${LIMIT_MS} ms: ${JSON.stringify(expected)}`));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** Rows in the app's record tables, read beside the app (counting needs no key), and what its sync panel shows. */
async function deviceCounts(): Promise<DeviceCounts> {
  const db = await request(indexedDB.open('silta'));
  try {
    const tx = db.transaction(['clients', 'notes']);
    return {
      clients: await request(tx.objectStore('clients').count()),
      notes: await request(tx.objectStore('notes').count()),
      syncing: document.querySelector('.sync-progress') !== null,
      failed: document.querySelector('.sync-error') !== null,
    };
  } finally {
    db.close();
  }
}

let pending: Promise<Timing> | null = null;

const probe: ProbeApi = {
  deviceCounts,
  click(target, expected, gone) {
    const t0 = performance.now();
    (target as HTMLElement).click();
    return waitFor(t0, expected, gone);
  },
  navigate(path, expected) {
    const t0 = performance.now();
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
    return waitFor(t0, expected);
  },
  armKey(expected) {
    pending = new Promise((resolve, reject) => {
      document.addEventListener('keydown', (event) => void waitFor(event.timeStamp, expected).then(resolve, reject), { capture: true, once: true });
    });
  },
  keyed() {
    const result = pending ?? Promise.reject(new Error('no key armed'));
    pending = null;
    return result;
  },
};
window.siltaProbe = probe;
