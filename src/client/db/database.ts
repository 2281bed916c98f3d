/**
 * The device's IndexedDB database. Schema versions are append-only: a new version adds a `version(n)` block with
 * its upgrade, and tests/unit/dbUpgrade.test.ts opens a database written by every older version.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { ViewEvent } from '#shared/schema/audit.ts';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { SealedJson } from '#client/security/sealedJson.ts';
import { markPlainRows } from './plainRows.ts';
import type { VaultRow } from './vaultRepo.ts';

/**
 * A record as stored since version 4: its state (data, stamps, tombstone) sealed under the data key, beside the
 * only plain fields an index needs. `clientId` is a random UUID, not personal content; it lets a client's notes
 * and conflicts be read straight from an index.
 */
export interface SealedRecordRow {
  id: string;
  clientId?: string;
  sealed: SealedJson;
}

/** A record as versions 1–3 stored it, in plain text; the first unlock after the upgrade seals it (plainRows.ts). */
export interface PlainRecordRow extends RecordState {
  clientId?: string;
  occurredAt?: string;
}

export type RecordRow = SealedRecordRow | PlainRecordRow;

/** A change-log entry, sealed under its entry id (or plain, written before version 4); `seq` orders the queue. */
export type ChangeRow = { seq?: number; id: string; sealed: SealedJson } | { seq?: number; id: string; entry: ChangeEntry };

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Unsaved form input, sealed: it is what a person typed (plain only if written before version 4). */
export type DraftRow = { key: string; sealed: SealedJson; savedAt: number } | { key: string; value: Record<string, unknown>; savedAt: number };

/**
 * A change the server refused (for example an edit of a record deleted elsewhere), kept so a person sees it. The
 * entry and the reason are sealed together (plain only if written before version 4); `at` orders the list.
 */
export type RejectionRow = { id: string; sealed: SealedJson; at: number } | { id: string; entry: ChangeEntry; code: string; at: number };

export class SiltaDb extends Dexie {
  // Tables whose rows come in two forms (sealed, or plain from before version 4) are typed with Table rather than
  // EntityTable, whose insert type would keep only the fields the two forms share.
  clients!: Table<RecordRow, string>;
  notes!: Table<RecordRow, string>;
  conflicts!: Table<RecordRow, string>;
  changes!: Table<ChangeRow, number>;
  meta!: EntityTable<MetaRow, 'key'>;
  drafts!: Table<DraftRow, string>;
  rejections!: Table<RejectionRow, string>;
  vault!: EntityTable<VaultRow, 'accountId'>;
  viewEvents!: EntityTable<ViewEvent, 'id'>;

  constructor(name: string) {
    // Dexie's query cache keeps live query results up to date from the writes it sees; the save path writes
    // natively (nativeWrite.ts), which it would not see, so live queries read IndexedDB again instead.
    super(name, { cache: 'disabled' });
    this.version(1).stores({
      clients: '&id',
      notes: '&id, clientId',
      conflicts: '&id, clientId',
      changes: '++seq, &id',
      meta: '&key',
    });
    // v2: notes listed per client in meeting order straight from an index; unsaved form text kept across reloads;
    // changes the server refused kept for a person to see.
    this.version(2)
      .stores({ notes: '&id, clientId, [clientId+occurredAt]', drafts: '&key', rejections: '&id, at' })
      .upgrade(async (tx) => {
        await tx
          .table<PlainRecordRow, string>('notes')
          .toCollection()
          .modify((row) => {
            const occurredAt = row.data['occurredAt'];
            if (typeof occurredAt === 'string') row.occurredAt = occurredAt;
          });
      });
    // v3: the key vault that unlocks local data offline (see src/client/security/vault.ts); a new table only.
    this.version(3).stores({ vault: '&accountId' });
    // v4: every record, change, draft and rejection sealed under the data key (see attachDataKey.ts). A meeting
    // time is no longer plain, so the [clientId+occurredAt] index goes: a client's notes are read by `clientId`
    // and ordered after decryption. Rows of older versions cannot be sealed here (there is no key during an
    // upgrade): they are marked for the first unlock to seal.
    this.version(4)
      .stores({ notes: '&id, clientId' })
      .upgrade((tx) => markPlainRows(tx));
    // v5: records shown on this device, queued for the server's audit log (sent after each push).
    this.version(5).stores({ viewEvents: '&id' });
    // v6: the IV of each sealed client row as an index, so the client list can find the rows that changed from
    // the keys alone, without reading and copying every row (see clientIndex.ts).
    this.version(6).stores({ clients: '&id, sealed.iv' });
  }
}
