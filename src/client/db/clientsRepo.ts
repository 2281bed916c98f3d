import { uuidv7 } from 'uuidv7';
import type { ClientFields } from '#shared/schema/client.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import { localInsert, localSet } from '#shared/sync/ops.ts';
import type { SiltaDb } from './database.ts';
import { commitWrite } from './commitWrite.ts';
import { cipherOf } from './recordCipher.ts';
import { openRecord, openRecords } from './recordTables.ts';

export interface ClientView {
  readonly id: string;
  readonly fields: ClientFields;
  readonly stamps: Readonly<Record<string, string>>;
}

function toView(state: RecordState): ClientView {
  return { id: state.id, fields: state.data as unknown as ClientFields, stamps: state.stamps };
}

/** Creates a client; the fields must already have passed `clientRecord` validation. Returns the new id. */
export async function createClient(db: SiltaDb, fields: ClientFields): Promise<string> {
  const id = uuidv7();
  await commitWrite(db, 'client', id, (_current, hlc, entryId) =>
    localInsert('client', id, fields, hlc, entryId),
  );
  return id;
}

/** Saves the fields that changed; an unchanged form writes nothing. */
export async function updateClient(db: SiltaDb, id: string, fields: Partial<ClientFields>): Promise<void> {
  await commitWrite(db, 'client', id, (current, hlc, entryId) =>
    current ? localSet(current, fields, hlc, entryId) : null,
  );
}

/**
 * Every client, decrypted. The rows are read on every call (so a live query sees every change), but only rows
 * written since the last call are decrypted again: the rest come from the cache built at unlock.
 */
export async function listClients(db: SiltaDb): Promise<ClientView[]> {
  const cipher = cipherOf(db);
  const states = await openRecords(cipher, 'client', await db.clients.toArray());
  return states.filter((s) => s.deleted === null).map(toView);
}

export async function getClient(db: SiltaDb, id: string): Promise<ClientView | null> {
  const cipher = cipherOf(db);
  const row = await db.clients.get(id);
  if (row === undefined) return null;
  const state = await openRecord(cipher, 'client', row);
  return state.deleted === null ? toView(state) : null;
}
