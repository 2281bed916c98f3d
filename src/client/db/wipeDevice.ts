/**
 * Deletes everything this app keeps in IndexedDB on this device, the vault and the device's identity included, in
 * one transaction: after a revocation, or before another person's account takes over the device. The data key, the
 * records decrypted in memory and the client list read ahead of an unlock go first.
 */
import type { SiltaDb } from './database.ts';
import { dropCipher } from './recordCipher.ts';
import { forgetSnapshotAhead } from './clientListSnapshot.ts';

export async function wipeDevice(db: SiltaDb): Promise<void> {
  dropCipher(db);
  forgetSnapshotAhead(db);
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
