/**
 * Deletes everything this app keeps in IndexedDB on this device, the vault and the device's identity included, in
 * one transaction: after a revocation, or before another person's account takes over the device. The data key and
 * the records decrypted in memory go first.
 */
import type { SiltaDb } from './database.ts';
import { dropCipher } from './recordCipher.ts';

export async function wipeDevice(db: SiltaDb): Promise<void> {
  dropCipher(db);
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
