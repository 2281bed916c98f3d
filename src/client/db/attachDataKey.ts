/**
 * Encryption at rest: what the data layer seals, and how it stays fast and atomic.
 *
 * - Sealed (AES-GCM under the data key that the vault unlocks, sealedJson.ts, associated data `<table>/<id>`):
 *   every record's data, field stamps and tombstone (clients, notes, conflicts, and any record type added later,
 *   see recordTables.ts), every change-log entry, every draft (unsaved form text), every rejection (it holds
 *   an entry) and the snapshot of the client list (`meta` key `clientList`, clientIndex.ts). Plain: ids (random
 *   UUIDs), the `clientId` index of notes and conflicts, the change log's `seq`, a draft's key (a form name and a
 *   record id) and save time, a rejection's time, and the rest of `meta` (clock, pull cursor, the staff member's
 *   account summary). A note's meeting time is sealed too: a client's notes are read
 *   by `clientId` and ordered after decryption. Record ids are UUID v7, so they do show when a record was made.
 * - The key is given to the data layer explicitly: attached here when the app unlocks, detached when it locks
 *   (session.ts). Any read or write of sealed data without it throws DataLockedError.
 * - Lists and search: decrypting the caseload on every live-query run would be too slow, so decrypted records are
 *   cached in memory per key (plainCache.ts), filed under id and ciphertext IV, so only changed rows are
 *   decrypted again. The clients are opened here at unlock into the client list index (clientIndex.ts), which
 *   the list screen and name search read: it starts from its sealed snapshot (one decryption, not one per client),
 *   checks it against the rows, and follows each committed change by re-reading only the rows that changed,
 *   instead of re-reading the whole table as a live query would. Both go when the key does, and so do the notes
 *   of a client opened for their page or read ahead for it (clientNotes.ts). Live queries (one client, one
 *   client's notes) still read IndexedDB on every run, so they still see every change (also for
 *   reads made after a decryption: tests/unit/encryptionAtRest.test.ts); zustand never holds records.
 * - Atomicity is unchanged: a record and its change-log entry are written in one transaction (commitWrite.ts), a
 *   pulled page and its cursor in one (applyServerRecords.ts). Crypto inside a transaction goes through
 *   Dexie.waitFor, since IndexedDB commits a transaction that has no request pending. A save is sealed before its
 *   transaction instead, which then checks that nothing it was built on has changed (commitWrite.ts). (The same
 *   for a pulled page was measured too: it was slower in Chromium, as it reads the page's rows twice.)
 * - Rows of versions before 4 are sealed at the first unlock after the upgrade (plainRows.ts).
 * - Outside IndexedDB, the browser itself would keep typed text in its autocomplete history and saved form state:
 *   forms about a person and the name search turn autocomplete off. tests/e2e/canary.test.ts searches a whole
 *   browser profile for what was typed.
 */
import { clientIndex, closeClientIndex } from './clientIndex.ts';
import { closeClientNotes } from './clientNotes.ts';
import type { SiltaDb } from './database.ts';
import { sealPlainRows } from './plainRows.ts';
import { dropCipher, setCipher } from './recordCipher.ts';

/**
 * Unlocks the data layer with a non-extractable data key. Reads work as soon as this is called; the promise
 * settles once rows left plain by an older version are sealed and the clients are decrypted into the cache.
 */
export async function attachDataKey(db: SiltaDb, dk: CryptoKey): Promise<void> {
  if (!setCipher(db, dk)) return;
  const clients = clientIndex(db);
  await sealPlainRows(db);
  // The app opens on the list as last sealed; checking it against 10,000 rows goes on behind it.
  await clients.shown();
}

/** Locks the data layer: forgets the key and every decrypted record. */
export function detachDataKey(db: SiltaDb): void {
  closeClientIndex(db);
  closeClientNotes(db);
  dropCipher(db);
}
