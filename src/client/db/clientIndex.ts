/**
 * The client list in memory: every client of the device, decrypted once after unlock and then kept up to date
 * row by row, so the list screen and name search never read or decrypt the whole caseload again.
 *
 * Why not a live query: a live query re-runs its whole querier after every write that touches the table, which for
 * the list meant reading all 10,000 sealed rows from IndexedDB (about a second at 4x CPU slowdown) after every
 * save and every pulled page, before anything could render. Here, Dexie's `storagemutated` event (fired after a
 * transaction commits, in this tab and, through a BroadcastChannel, in the app's other tabs) names the client ids
 * that changed; only those rows are read again. When the event names a range rather than ids (Dexie does so for a
 * bulk write of 50 rows or more, or a clear), every row's IV is read again from an index, and only the rows whose
 * ciphertext changed (a new IV: every write seals with a fresh one) are read and decrypted.
 *
 * Why a sealed snapshot: decrypting 10,000 rows one by one at unlock took seconds at 4x CPU slowdown (each
 * decryption is a WebCrypto call of its own). So the list, with the IV of the row each entry came from, is also
 * kept as one value sealed under the data key (`meta`, key `clientList`, associated data `meta/clientList`; its
 * format, and its reading ahead of the unlock, in clientListSnapshot.ts), written a few seconds after the list
 * changes, in name order. At unlock it opens in one decryption and the list is shown at once; then, once the
 * browser is idle, it is checked against every row's IV (read from an index, keys only), and a row that changed
 * meanwhile (written by an older tab, or before a crash let the snapshot be written) is decrypted and the list
 * corrected. It holds only what the client rows hold, under the same key, and goes with the rest of the device's
 * data at a wipe.
 *
 * The index is a cache of IndexedDB, never a source of truth. It lives as long as the data key: attachDataKey.ts
 * loads it, detachDataKey.ts drops it, and an index that finds the key gone (a device wipe drops it directly)
 * empties itself at the next event. Reads run one at a time and in order, so a slower read cannot overwrite a newer
 * one.
 */
import { Dexie, type IntervalTree, type ObservabilitySet } from 'dexie';
import { compareNames } from '#shared/domain/nameOrder.ts';
import type { ClientFields } from '#shared/schema/client.ts';
import type { SealedJson } from '#client/security/sealedJson.ts';
import type { RecordRow, SiltaDb } from './database.ts';
import { cipherOf, DataLockedError, isObject, seal, unseal, type RecordCipher } from './recordCipher.ts';
import { openRecord } from './recordTables.ts';
import { onIdle } from '#client/platform/idle.ts';
import { SNAPSHOT_KEY, openedSnapshot, sealedSnapshot, snapshotContent, type OpenedSnapshot } from './clientListSnapshot.ts';

/** What the list shows and filters by: only these are kept (and sealed into the snapshot), a third of a client. */
export type ClientListFields = Pick<ClientFields, 'firstNames' | 'lastName' | 'dateOfBirth' | 'homeMunicipality' | 'motherTongue' | 'status'>;

export interface ClientListRow {
  readonly id: string;
  readonly fields: ClientListFields;
}

function listFields(f: ClientFields): ClientListFields {
  const { firstNames, lastName, dateOfBirth, homeMunicipality, motherTongue, status } = f;
  return { firstNames, lastName, dateOfBirth, homeMunicipality, motherTongue, status };
}

type Pending = Set<string> | 'all';

/** The ids a mutation names, or 'all' when it names a range (a bulk write or a clear). */
export function changedIds(tree: IntervalTree): Pending {
  const ids = new Set<string>();
  const walk = (node: IntervalTree | null | undefined): boolean => {
    if (node === null || node === undefined || !('from' in node)) return true;
    if (typeof node.from !== 'string' || node.from !== node.to) return false;
    ids.add(node.from);
    return walk(node.l) && walk(node.r);
  };
  return walk(tree) ? ids : 'all';
}

/** How long the check after unlock waits for an idle moment at most. */
const IDLE_WAIT_MS = 2_000;

function whenIdle(): Promise<void> {
  return new Promise((resolve) => void onIdle(resolve, IDLE_WAIT_MS));
}

/** After the list changes, how long to wait for more changes (a sync brings pages in a row) before sealing it. */
const SNAPSHOT_DELAY_MS = 3_000;

function base64(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return btoa(String.fromCharCode(...view));
}

function ivText(row: RecordRow): string {
  return 'sealed' in row ? base64(row.sealed.iv) : '';
}

function isSealedJson(value: unknown): value is SealedJson {
  return isObject(value) && value['v'] === 1 && value['iv'] instanceof Uint8Array && value['data'] instanceof ArrayBuffer;
}

export class ClientIndex {
  readonly #db: SiltaDb;
  readonly #cipher: RecordCipher;
  readonly #part: string;
  readonly #rows = new Map<string, ClientListRow>();
  /** The IV of the row each entry was read from: an unchanged row needs no decryption. */
  readonly #ivs = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  #snapshot: readonly ClientListRow[] | undefined = undefined;
  /** The snapshot while its rows are shown but not yet in #rows and #ivs (see #file). */
  #unfiled: OpenedSnapshot | null = null;
  #error: unknown = null;
  /** A read failed, so the rows may miss a change: the next change reads the whole table. */
  #stale = false;
  #pending: Pending | null = 'all';
  #closed = false;
  #sealTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Settles when every change heard so far is applied. */
  #running: Promise<void>;
  /** Settles when the snapshot is open (or found missing or unreadable). */
  readonly #opened: Promise<void>;

  constructor(db: SiltaDb, cipher: RecordCipher) {
    this.#db = db;
    this.#cipher = cipher;
    this.#part = `idb://${db.name}/clients/`;
    // Listening starts before the first read, so nothing committed meanwhile is missed.
    Dexie.on('storagemutated', this.#onMutated);
    // A snapshot that cannot be read (sealed under another key, or in a form this version does not know) is only
    // a slower start: every row is read and decrypted instead.
    this.#opened = this.#openSnapshot().catch(() => undefined);
    // With a snapshot on screen, the check against every row (reading and copying 10,000 rows out of IndexedDB)
    // waits until the browser is idle, so it does not hold up the list's first paint.
    this.#running = this.#opened.then(() => (this.#snapshot === undefined ? undefined : whenIdle())).then(() => this.#drain());
  }

  /** Every client (no deleted ones), in no particular order; undefined until the first read is done. */
  readonly current = (): readonly ClientListRow[] | undefined => {
    if (this.#error !== null) throw this.#error;
    return this.#snapshot;
  };

  /** Calls `listener` after every change of the list; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * Settles once there is a list to show: the snapshot as it was sealed (the check against the rows goes on, and
   * corrects the list when it finds a change), or without a snapshot the list read from every row.
   */
  async shown(): Promise<void> {
    await this.#opened;
    if (this.#snapshot === undefined) await this.settled();
  }

  /** Settles once the changes heard so far are applied (checked against the rows); rejects when that failed. */
  async settled(): Promise<readonly ClientListRow[]> {
    await this.#running;
    const rows = this.current();
    if (rows === undefined) throw new DataLockedError();
    return rows;
  }

  isFor(cipher: RecordCipher): boolean {
    return !this.#closed && this.#cipher === cipher;
  }

  /** Forgets every decrypted row and stops listening. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#sealTimer);
    Dexie.on('storagemutated').unsubscribe(this.#onMutated);
    this.#rows.clear();
    this.#ivs.clear();
    this.#unfiled = null;
    this.#snapshot = undefined;
    this.#notify();
  }

  readonly #onMutated = (parts: ObservabilitySet): void => {
    const tree = parts[this.#part];
    if (tree === undefined || this.#closed) return;
    if (!this.#keyStillHeld()) {
      this.close();
      return;
    }
    const ids = changedIds(tree);
    const before = this.#pending;
    if (ids === 'all' || before === 'all' || this.#stale) this.#pending = 'all';
    else this.#pending = new Set([...(before ?? []), ...ids]);
    if (before === null) this.#running = this.#running.then(() => this.#drain());
  };

  #keyStillHeld(): boolean {
    try {
      return cipherOf(this.#db) === this.#cipher;
    } catch (error) {
      if (error instanceof DataLockedError) return false;
      throw error;
    }
  }

  /** Shows the list as it was last sealed, if it was; the first read then checks it against every row. */
  async #openSnapshot(): Promise<void> {
    const sealed = await sealedSnapshot(this.#db);
    if (!isSealedJson(sealed) || this.#closed) return;
    const opened = openedSnapshot(await unseal(this.#cipher, 'meta', SNAPSHOT_KEY, sealed));
    if (opened === null || this.#closed) return;
    // Shown straight from the snapshot's rows. Filing them by id (20,000 map entries, about 80 ms at 4x CPU
    // slowdown) waits for the first change or the check against the rows, both after the list is on screen.
    this.#snapshot = opened.rows;
    this.#unfiled = opened;
    this.#notify();
  }

  /** Files the rows shown from the snapshot by id, as the same objects (the search keeps work per object). */
  #file(): void {
    const opened = this.#unfiled;
    this.#unfiled = null;
    if (opened === null) return;
    opened.rows.forEach((row, i) => {
      this.#rows.set(row.id, row);
      this.#ivs.set(row.id, opened.ivs[i] ?? '');
    });
  }

  async #drain(): Promise<void> {
    this.#file();
    while (this.#pending !== null && !this.#closed) {
      const pending = this.#pending;
      this.#pending = null;
      let changed = false;
      try {
        changed = pending === 'all' ? await this.#readAll() : await this.#readSome([...pending]);
        if (pending === 'all') {
          this.#stale = false;
          this.#error = null;
        }
      } catch (error) {
        // Thrown to the screen that reads the list (as a live query's error would be).
        this.#error = error;
        this.#stale = true;
        if (this.#pending !== null) this.#pending = 'all';
      }
      if (this.#closed) return;
      if (changed || this.#snapshot === undefined || this.#error !== null) this.#publish();
      if (changed) this.#sealLater();
    }
  }

  /**
   * Finds what changed in the whole table from the IV index: keys only, so no row is read or copied (reading all
   * 10,000 rows took most of a second at 4x CPU slowdown). Only rows with a new IV are read and decrypted. A row
   * the index does not hold (a plain row from before version 4) means reading every row instead.
   */
  async #readAll(): Promise<boolean> {
    const table = this.#db.clients;
    const { ivs, ids, count } = await this.#db.transaction('r', table, async () => {
      const byIv = table.orderBy('sealed.iv');
      const [ivKeys, idKeys, n] = await Promise.all([byIv.keys(), byIv.primaryKeys(), table.count()]);
      return { ivs: ivKeys, ids: idKeys, count: n };
    });
    if (ids.length !== count) return this.#readEveryRow();
    const changed: string[] = [];
    ids.forEach((id, i) => {
      const iv = ivs[i];
      if (!(iv instanceof ArrayBuffer || ArrayBuffer.isView(iv)) || this.#ivs.get(id) !== base64(iv)) changed.push(id);
    });
    const applied = await this.#readSome(changed);
    return this.#forgetAllBut(new Set(ids)) || applied;
  }

  async #readEveryRow(): Promise<boolean> {
    const rows = await this.#db.clients.toArray();
    const changed = await this.#apply(rows.map((row) => row.id), rows);
    return this.#forgetAllBut(new Set(rows.map((row) => row.id))) || changed;
  }

  /** Drops the entries of rows no longer in the table; true when there were any. */
  #forgetAllBut(ids: ReadonlySet<string>): boolean {
    let removed = false;
    for (const id of this.#ivs.keys()) {
      if (!ids.has(id)) {
        this.#rows.delete(id);
        this.#ivs.delete(id);
        removed = true;
      }
    }
    return removed;
  }

  async #readSome(ids: string[]): Promise<boolean> {
    return this.#apply(ids, await this.#db.clients.bulkGet(ids));
  }

  /** Files the rows read for `ids` (undefined: no such row), decrypting only those whose ciphertext changed. */
  async #apply(ids: readonly string[], rows: readonly (RecordRow | undefined)[]): Promise<boolean> {
    const ivs = rows.map((row) => (row === undefined ? '' : ivText(row)));
    const states = await Promise.all(
      rows.map((row, i) =>
        row === undefined || (ivs[i] !== '' && this.#ivs.get(row.id) === ivs[i]) ? Promise.resolve(undefined) : openRecord(this.#cipher, 'client', row),
      ),
    );
    let changed = false;
    ids.forEach((id, i) => {
      const state = states[i];
      // Unchanged, or gone and never listed.
      if (state === undefined && (rows[i] !== undefined || !this.#rows.has(id))) return;
      changed = true;
      if (state === undefined) {
        this.#rows.delete(id);
        this.#ivs.delete(id);
      } else if (state.deleted !== null) {
        // Not listed, but its IV is kept so an unchanged tombstone is not decrypted again.
        this.#rows.delete(id);
        this.#ivs.set(id, ivs[i] ?? '');
      } else {
        this.#rows.set(id, { id, fields: listFields(state.data as unknown as ClientFields) });
        this.#ivs.set(id, ivs[i] ?? '');
      }
    });
    return changed;
  }

  #publish(): void {
    this.#snapshot = [...this.#rows.values()];
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  #sealLater(): void {
    clearTimeout(this.#sealTimer);
    this.#sealTimer = setTimeout(() => void this.#seal().catch(() => undefined), SNAPSHOT_DELAY_MS);
  }

  /**
   * Seals the list as it is now. A failure only means the next unlock decrypts more rows, so it is not reported;
   * the write waits for any read in progress, so what is sealed is what the index has applied.
   */
  async #seal(): Promise<void> {
    await this.#running;
    if (this.#closed || this.#stale) return;
    // In name order (the device's own language's collation), so the list screen's sort of the opened list finds
    // it sorted: a linear pass instead of 10,000 × log 10,000 comparisons on the way to the first paint.
    const collator = new Intl.Collator();
    const rows = [...this.#rows.values()]
      .sort((a, b) => compareNames(collator, a.fields, b.fields))
      .map((r) => ({ id: r.id, iv: this.#ivs.get(r.id) ?? '', fields: r.fields }));
    const sealed = await seal(this.#cipher, 'meta', SNAPSHOT_KEY, snapshotContent(rows));
    if (this.#closed) return;
    await this.#db.meta.put({ key: SNAPSHOT_KEY, value: sealed });
  }
}

const indexes = new WeakMap<SiltaDb, ClientIndex>();

/** The client list of the unlocked data layer; throws DataLockedError while locked. */
export function clientIndex(db: SiltaDb): ClientIndex {
  const cipher = cipherOf(db);
  let index = indexes.get(db);
  if (index === undefined || !index.isFor(cipher)) {
    index?.close();
    index = new ClientIndex(db, cipher);
    indexes.set(db, index);
  }
  return index;
}

/** Drops the decrypted list (the app locks). */
export function closeClientIndex(db: SiltaDb): void {
  indexes.get(db)?.close();
  indexes.delete(db);
}
