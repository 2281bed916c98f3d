/**
 * A readwrite transaction straight on IndexedDB, for writes prepared ahead (a save in commitWrite.ts, a pulled page
 * in applyServerRecords.ts): Dexie's transaction, promise zones and middleware cost more per request than IndexedDB
 * itself (measured in P4: five requests took about twice as long through Dexie as natively), and a save is held to
 * twice a bare put, a first sync to 1.2 times a bare bulkPut.
 *
 * What Dexie does after a commit is done here: its live queries, in this tab and (through Dexie's
 * BroadcastChannel) in the app's other tabs, are told which keys and index values changed, with Dexie's
 * documented `storagemutated` event and the same parts Dexie names. Dexie's query cache never sees these writes,
 * so the database runs without it (database.ts).
 */
import { cmp, Dexie, RangeSet, type IndexableType, type ObservabilitySet } from 'dexie';

/**
 * From this many rows in one `writeAll`, each part is named by the range from its smallest to its largest value
 * rather than key by key: a live query over that range runs again, which for a page of 1,000 notes from hundreds
 * of clients is nearly every query anyway, and adding a thousand keys one by one to each part's interval tree was
 * about a tenth of a first sync's main-thread time (Chromium profile of 10,000 notes: writeAll 2.0 → 1.4 s).
 */
const NOTE_AS_RANGE_FROM = 64;

/** Adds the values to the range set one by one, or as their bounding range when there are many. */
function addAll(range: RangeSet, values: readonly IndexableType[]): void {
  if (values.length < NOTE_AS_RANGE_FROM) {
    for (const value of values) range.addKey(value);
    return;
  }
  let [from, to] = [values[0], values[0]];
  for (const value of values) {
    if (cmp(value, from) < 0) from = value;
    if (cmp(value, to) > 0) to = value;
  }
  if (from !== undefined && to !== undefined) range.add({ from, to });
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new DOMException('IndexedDB request failed', 'UnknownError'));
  });
}

export class NativeWrite {
  readonly #parts: ObservabilitySet = {};

  constructor(
    private readonly db: Dexie,
    private readonly tx: IDBTransaction,
  ) {}

  get<T>(table: string, key: IndexableType): Promise<T | undefined> {
    return requestResult(this.tx.objectStore(table).get(key as IDBValidKey)) as Promise<T | undefined>;
  }

  /** `replaced` is the row this one replaces, if any: its index values change too. */
  async put(table: string, row: object, replaced?: object): Promise<void> {
    const key = await requestResult(this.tx.objectStore(table).put(row));
    this.#note(table, key as IndexableType, replaced === undefined ? [row] : [row, replaced]);
  }

  /** Fails (and so aborts the transaction) if a row with the key, or a unique index value, is there already. */
  async add(table: string, row: object): Promise<void> {
    const key = await requestResult(this.tx.objectStore(table).add(row));
    this.#note(table, key as IndexableType, [row]);
  }

  /**
   * Adds (`replaced` undefined) or puts many rows, with no handler on any request but the last: a thousand success
   * events each resolving a promise cost the page's main thread more than the writes. A failed request aborts the
   * transaction, which the last request then fails with.
   */
  async writeAll(table: string, rows: readonly { readonly row: object; readonly replaced?: object | undefined }[]): Promise<void> {
    const store = this.tx.objectStore(table);
    const keyPath = store.keyPath as string;
    const keys: IndexableType[] = [];
    const touched: object[] = [];
    let last: IDBRequest | undefined;
    for (const { row, replaced } of rows) {
      last = replaced === undefined ? store.add(row) : store.put(row);
      keys.push(Dexie.getByKeyPath(row, keyPath) as IndexableType);
      touched.push(row);
      if (replaced !== undefined) touched.push(replaced);
    }
    this.#noteAll(table, keys, touched);
    if (last !== undefined) await requestResult(last);
  }

  /** `removed` is the row deleted, if it was there: its index values change too. */
  async delete(table: string, key: IndexableType, removed?: object): Promise<void> {
    await requestResult(this.tx.objectStore(table).delete(key as IDBValidKey));
    this.#note(table, key, removed === undefined ? [] : [removed]);
  }

  /** What changed, in the form Dexie's observability middleware gives it (see Dexie.on.storagemutated). */
  get parts(): ObservabilitySet {
    return this.#parts;
  }

  #note(table: string, key: IndexableType, rows: readonly object[]): void {
    this.#noteAll(table, [key], rows);
  }

  /** The keys written and the rows they touched (new and replaced), as Dexie names them to live queries. */
  #noteAll(table: string, keys: readonly IndexableType[], rows: readonly object[]): void {
    const prefix = `idb://${this.db.name}/${table}/`;
    addAll(this.#range(prefix), keys);
    // Dexie names a put's keys as possible deletions too, unless its transaction cache held the old row.
    addAll(this.#range(`${prefix}:dels`), keys);
    for (const index of this.db.table(table).schema.indexes) {
      const values: IndexableType[] = [];
      for (const row of rows) {
        const value: unknown = Dexie.getByKeyPath(row, index.keyPath as string | string[]);
        if (value !== undefined) values.push(value as IndexableType);
      }
      addAll(this.#range(prefix + index.name), values);
    }
  }

  #range(part: string): RangeSet {
    const existing = this.#parts[part];
    if (existing !== undefined) return existing as RangeSet;
    const created = new RangeSet();
    this.#parts[part] = created;
    return created;
  }
}

/**
 * Runs `body` in one readwrite transaction on `tables` and resolves with its result once the transaction has
 * committed; rejects (nothing written) if a request fails or `body` throws. Undefined if Dexie's connection is
 * not open (closed for a schema upgrade in another tab): the caller then goes through Dexie, which reopens it.
 */
export async function nativeWrite<T>(db: Dexie, tables: readonly string[], body: (write: NativeWrite) => Promise<T>): Promise<{ value: T } | undefined> {
  if (!db.isOpen()) return undefined;
  let tx: IDBTransaction;
  try {
    tx = db.backendDB().transaction(tables as string[], 'readwrite');
  } catch (error) {
    if (error instanceof DOMException && error.name === 'InvalidStateError') return undefined;
    throw error;
  }
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted', 'AbortError'));
  });
  const write = new NativeWrite(db, tx);
  let value: T;
  try {
    value = await body(write);
  } catch (error) {
    // A failed request aborts the transaction by itself; anything else thrown must not leave a half write.
    try {
      tx.abort();
    } catch {
      // Finished already: aborted by the request that failed.
    }
    await committed.catch(() => undefined);
    // A request that failed is the cause, rather than a later one that failed because the transaction aborted.
    throw tx.error ?? error;
  }
  await committed;
  if (Object.keys(write.parts).length > 0) Dexie.on('storagemutated').fire(write.parts);
  return { value };
}
