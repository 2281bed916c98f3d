/**
 * Decrypted rows of one table, kept in memory while the app is unlocked so that a live query re-run (after every
 * write or pulled page) decrypts only the rows that changed. Each entry is filed under the row's id and the IV of
 * the ciphertext it came from: every write seals with a fresh IV, so a changed row misses and is decrypted again.
 *
 * It is a cache of IndexedDB, never a second source of truth: readers still read the rows and only look here for
 * their plain text. Entries are promises, so two readers that miss on the same row at once share one decryption
 * (the warm-up at unlock and the first screen usually do).
 */
interface Entry<T> {
  readonly iv: Uint8Array;
  readonly value: Promise<T>;
  /** The value once decrypted, for a caller that must not wait (see `peek`). */
  settled?: T;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

export class PlainCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  /** `limit` bounds the entries kept (least recently used go first); Infinity keeps every row of the table. */
  constructor(readonly limit: number) {}

  /** The plain value of the row `id` sealed with `iv`: from the cache, or from `open` (then kept). */
  get(id: string, iv: Uint8Array, open: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(id);
    if (hit !== undefined && sameBytes(hit.iv, iv)) {
      if (Number.isFinite(this.limit)) this.#touch(id, hit);
      return hit.value;
    }
    const value = open();
    const entry: Entry<T> = { iv, value };
    this.#set(id, entry);
    value.then(
      (plain) => {
        entry.settled = plain;
      },
      // A failed decryption is not kept: the next read tries again (and fails loudly again if the row is bad).
      () => {
        if (this.#entries.get(id) === entry) this.#entries.delete(id);
      },
    );
    return value;
  }

  /** The value of the row `id` sealed with `iv` if it is decrypted already; undefined otherwise. */
  peek(id: string, iv: Uint8Array): T | undefined {
    const hit = this.#entries.get(id);
    return hit !== undefined && sameBytes(hit.iv, iv) ? hit.settled : undefined;
  }

  /** The row `id` as last decrypted or sealed here, whatever its IV; undefined if not at hand without waiting. */
  latest(id: string): { readonly iv: Uint8Array; readonly value: T } | undefined {
    const hit = this.#entries.get(id);
    return hit?.settled === undefined ? undefined : { iv: hit.iv, value: hit.settled };
  }

  /** Files a value this device has just sealed itself, so reading its own write back needs no decryption. */
  put(id: string, iv: Uint8Array, value: T): void {
    this.#set(id, { iv, value: Promise.resolve(value), settled: value });
  }

  /** Drops the row's plain text, for a record purged from the device (see purgeClients.ts). */
  forget(id: string): void {
    this.#entries.delete(id);
  }

  #touch(id: string, entry: Entry<T>): void {
    this.#entries.delete(id);
    this.#entries.set(id, entry);
  }

  #set(id: string, entry: Entry<T>): void {
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    if (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}
