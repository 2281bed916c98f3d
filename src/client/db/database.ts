/**
 * The device's IndexedDB database. Schema versions are append-only: a new version adds a `version(n)` block with
 * its upgrade, and tests/unit/dbUpgrade.test.ts opens a database written by every older version.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { RecordState } from '#shared/sync/merge.ts';

/** A record as stored: its merged state plus plain index fields derived from it. */
export interface RecordRow extends RecordState {
  /** The client the record belongs to (notes, conflicts); indexes "everything about one client". */
  clientId?: string;
  /** When a note's meeting took place, to list a client's notes in order without reading them all. */
  occurredAt?: string;
}

export interface ChangeRow {
  seq?: number;
  id: string;
  entry: ChangeEntry;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface DraftRow {
  key: string;
  value: Record<string, unknown>;
  savedAt: number;
}

/** A change the server refused (for example an edit of a record deleted elsewhere), kept so a person sees it. */
export interface RejectionRow {
  id: string;
  entry: ChangeEntry;
  code: string;
  at: number;
}

export class SiltaDb extends Dexie {
  clients!: EntityTable<RecordRow, 'id'>;
  notes!: EntityTable<RecordRow, 'id'>;
  conflicts!: EntityTable<RecordRow, 'id'>;
  changes!: EntityTable<ChangeRow, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  drafts!: EntityTable<DraftRow, 'key'>;
  rejections!: EntityTable<RejectionRow, 'id'>;

  constructor(name: string) {
    super(name);
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
          .table<RecordRow, string>('notes')
          .toCollection()
          .modify((row) => {
            const occurredAt = row.data['occurredAt'];
            if (typeof occurredAt === 'string') row.occurredAt = occurredAt;
          });
      });
  }
}
